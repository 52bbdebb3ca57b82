package serverlessshop.orders.testing;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import serverlessshop.support.testing.TestIssuer;

/**
 * What the orders service runs against in tests, all real: DynamoDB Local and the products service,
 * each in its own JVM, the products function invoked through {@link ProductsProxy}, and the test token issuer. Both JVMs
 * start before the Spring context and are waited for only before the first test, so that their
 * start-up overlaps the context's.
 */
public final class OrdersTestEnvironment
        implements ApplicationContextInitializer<ConfigurableApplicationContext>,
                BeforeAllCallback,
                BeforeEachCallback {

    /** The read timeout of the products client in tests: {@link ProductsProxy#LATE} is longer. */
    public static final String PRODUCTS_READ_TIMEOUT = "1s";

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        awaitReady();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(properties()).applyTo(context);
    }

    public static void start() {
        // The credentials the orders service signs its invocations of products with (the role's, in AWS).
        System.setProperty("aws.accessKeyId", "AKIAORDERSTESTS00000");
        System.setProperty("aws.secretAccessKey", "orders-test-secret-access-key");
        DynamoDbLocal.start();
        ProductsService.start();
    }

    public static void awaitReady() {
        DynamoDbLocal.awaitReady();
        ProductsService.awaitReady();
    }

    /** The service's configuration for this environment. */
    public static Map<String, String> properties() {
        start();
        Map<String, String> properties = new HashMap<>(TestIssuer.serviceProperties());
        properties.put("shop.dynamodb.endpoint", DynamoDbLocal.endpoint());
        properties.put("shop.dynamodb.table", DynamoDbLocal.TABLE);
        properties.put("shop.products.lambda-endpoint", ProductsProxy.endpoint());
        properties.put("shop.products.function-name", ProductsService.FUNCTION_NAME);
        properties.put("shop.products.read-timeout", PRODUCTS_READ_TIMEOUT);
        return properties;
    }
}
