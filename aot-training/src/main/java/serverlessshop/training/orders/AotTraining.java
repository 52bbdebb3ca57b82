package serverlessshop.training.orders;

import static serverlessshop.training.TrainingRun.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.lambda.StreamLambdaHandler;
import serverlessshop.training.TrainingRun;
import serverlessshop.training.TrainingTokens;

/**
 * The AOT cache's training run of the orders function (see its Dockerfile): the handler class starts
 * as Lambda starts it, then places orders (the whole saga), lists and reads them, changes a status,
 * and meets the errors a shop meets (404, 400), a few rounds, against {@link TrainingStandIns} for
 * DynamoDB, Secrets Manager and Lambda's Invoke API (the products function), which the image build cannot reach.
 */
public final class AotTraining {

    private static final int ROUNDS = 3;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        TrainingStandIns standIns = new TrainingStandIns();
        System.setProperty("shop.dynamodb.endpoint", standIns.url());
        System.setProperty("shop.dynamodb.region", "eu-west-1");
        // The products function through Lambda's Invoke API (the stand-in), signed as in AWS: the SDK's
        // Lambda client and signer then start from the cache too.
        System.setProperty("shop.products.lambda-endpoint", standIns.url());
        System.setProperty("shop.products.function-name", "products");
        System.setProperty("aws.endpointUrlSecretsManager", standIns.url());
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "training");
        System.setProperty("aws.secretAccessKey", "training");

        TrainingTokens tokens = new TrainingTokens();
        TrainingRun run = new TrainingRun(new StreamLambdaHandler());
        String customer = TrainingStandIns.CUSTOMER;
        Map<String, String> shopper = HttpApiEvent.accessTokenClaims(customer, "openid shop/orders", null);
        Map<String, String> admin = HttpApiEvent.accessTokenClaims("training-admin", "openid shop/orders", "[admin]");
        String order = "{\"items\":[{\"product_id\":\"" + UUID.randomUUID() + "\",\"quantity\":1},{\"product_id\":\""
                + UUID.randomUUID() + "\",\"quantity\":2}],\"shipping_address\":{\"street\":\"1 Training Road\","
                + "\"city\":\"Buildville\",\"zip_code\":\"12345\",\"country\":\"US\"}}";
        for (int round = 0; round < ROUNDS; round++) {
            JsonNode placed = TrainingRun.body(run.invoke(request("POST /orders", "/orders", order)
                    .claims(shopper)
                    .header("authorization", tokens.bearer(shopper))
                    .header("idempotency-key", UUID.randomUUID().toString())));
            String orderId = placed.path("order_id").asText(UUID.randomUUID().toString());
            run.invoke(request("GET /customers/{customer_id}/orders", "/customers/" + customer + "/orders", null)
                    .pathParameters(Map.of("customer_id", customer))
                    .query("limit=20")
                    .claims(shopper)
                    .header("authorization", tokens.bearer(shopper)));
            run.invoke(order(orderId).claims(shopper).header("authorization", tokens.bearer(shopper)));
            run.invoke(request("PUT /orders/{order_id}", "/orders/" + orderId, "{\"order_status\":\"SHIPPED\"}")
                    .pathParameters(Map.of("order_id", orderId))
                    .claims(admin)
                    .header("authorization", tokens.administratorBearer(admin)));
            run.invoke(order("not-an-id").claims(shopper).header("authorization", tokens.bearer(shopper)));
            run.invoke(request("POST /orders", "/orders", order)
                    .claims(shopper)
                    .header("authorization", tokens.bearer(shopper))); // no Idempotency-Key: 400
        }
        standIns.close();
        run.finish("orders");
    }

    private static HttpApiEvent.Builder order(String id) {
        return request("GET /orders/{order_id}", "/orders/" + id, null).pathParameters(Map.of("order_id", id));
    }
}
