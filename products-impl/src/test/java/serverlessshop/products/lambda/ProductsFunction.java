package serverlessshop.products.lambda;

import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.products.testing.TestImageStore;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;

/**
 * The products function as Lambda runs it, on this run's test database: one
 * {@link StreamLambdaHandler} per test JVM, like one warm Lambda instance, fed serialized events.
 *
 * <p>The handler starts its own Spring application in its static initializer, where no test
 * initializer can reach. So the properties {@link TestDatabase} gives every products test context
 * (this run's H2 or MariaDB database, the test token issuer) are set as system properties just
 * while the handler class initializes, and restored afterwards so that no other test sees them.
 * Like in AWS, the function starts once and serves every test's request. Its image store is this
 * JVM's S3Proxy ({@link TestImageStore}).
 */
final class ProductsFunction {

    private static StreamLambdaHandler handler;
    private static java.util.Map<String, String> properties;

    private ProductsFunction() {}

    static synchronized StreamLambdaHandler handler() {
        if (handler == null) {
            handler = startOnTestDatabase();
        }
        return handler;
    }

    /** The configuration the function started with: its database, its issuer. */
    static synchronized java.util.Map<String, String> properties() {
        handler();
        return properties;
    }

    static HttpApiResponse invoke(HttpApiEvent event) {
        return LambdaFunctions.invoke(handler(), event, "products");
    }

    /** As the orders function invokes it: directly, with its client context. */
    static HttpApiResponse invokeDirectly(HttpApiEvent event) {
        return LambdaFunctions.invokeDirectly(handler(), event, "products", "orders");
    }

    private static StreamLambdaHandler startOnTestDatabase() {
        properties = new java.util.HashMap<>(TestDatabaseProperties.get());
        properties.putAll(TestImageStore.properties());
        return LambdaFunctions.withSystemProperties(properties, StreamLambdaHandler::new);
    }
}
