package serverlessshop.orders.lambda;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;

/**
 * The orders function as Lambda runs it, on DynamoDB Local and the real products service: one
 * handler per test JVM, like one warm Lambda instance (its Spring application is static), fed
 * serialized payload-2.0 events.
 */
final class OrdersFunction {

    private static StreamLambdaHandler handler;

    private OrdersFunction() {}

    static synchronized StreamLambdaHandler handler() {
        if (handler == null) {
            OrdersTestEnvironment.start();
            handler =
                    LambdaFunctions.withSystemProperties(OrdersTestEnvironment.properties(), StreamLambdaHandler::new);
            OrdersTestEnvironment.awaitReady();
        }
        return handler;
    }

    static HttpApiResponse invoke(HttpApiEvent event) {
        return LambdaFunctions.invoke(handler(), event, "orders");
    }

    /** An event of this route, as API Gateway builds it, without authorizer claims yet. */
    static HttpApiEvent request(
            String routeKey,
            String rawPath,
            Map<String, String> pathParameters,
            String rawQuery,
            Map<String, String> headers,
            String body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("accept", "application/json, application/problem+json");
        if (body != null) {
            all.put("content-type", "application/json");
        }
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(rawPath)
                .pathParameters(pathParameters)
                .query(rawQuery)
                .headers(all);
        return (body == null ? event : event.body(body)).build();
    }

    /** POST /orders of two units of the product, with a new Idempotency-Key. */
    static HttpApiEvent placing(UUID product) {
        return request(
                "POST /orders",
                "/orders",
                Map.of(),
                "",
                Map.of("idempotency-key", UUID.randomUUID().toString()),
                TestOrders.orderJson(TestOrders.line(product, 2)));
    }
}
