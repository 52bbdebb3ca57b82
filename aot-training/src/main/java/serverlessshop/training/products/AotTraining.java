package serverlessshop.training.products;

import static serverlessshop.training.TrainingRun.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.database.IamTokenLogin;
import serverlessshop.products.lambda.StreamLambdaHandler;
import serverlessshop.training.TrainingRun;
import serverlessshop.training.TrainingTokens;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The AOT cache's training run of the products function (see its Dockerfile): the handler class
 * starts as Lambda starts it, then serves the catalogue and stock-reservation requests of a shop,
 * a few rounds, including the errors a shop meets (404, 400). The image build has no database, so
 * the training runs on H2 in MySQL mode with the migrations applied; the MySQL driver is loaded too,
 * so that its classes are in the cache for AWS, where the database is RDS for MySQL, and so is the
 * SDK's signing of an IAM database authentication token, which the first connection there needs.
 */
public final class AotTraining {

    private static final int ROUNDS = 3;

    private AotTraining() {}

    public static void main(String[] args) {
        System.setProperty(
                "spring.datasource.url",
                "jdbc:h2:mem:training;MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
        System.setProperty("spring.datasource.username", "sa");
        System.setProperty("spring.datasource.password", "");
        System.setProperty("spring.flyway.enabled", "true");
        loadMySqlDriver();
        signIamToken();

        TrainingTokens tokens = new TrainingTokens();
        TrainingRun run = new TrainingRun(new StreamLambdaHandler());
        Map<String, String> admin = HttpApiEvent.accessTokenClaims("training-admin", "openid shop/orders", "[admin]");
        for (int round = 0; round < ROUNDS; round++) {
            String firstId = null;
            for (int i = 0; i < 3; i++) {
                JsonNode created = TrainingRun.body(run.invoke(request(
                                "POST /products",
                                "/products",
                                "{\"sku\":\"TRAIN-" + round + "-" + i + "\",\"name\":\"Training lamp " + i
                                        + "\",\"description\":\"A lamp.\",\"price\":19.99,\"stock_quantity\":100,\"is_active\":true}")
                        .claims(admin)
                        .header("authorization", tokens.administratorBearer(admin))));
                firstId = firstId == null ? created.path("product_id").asText(null) : firstId;
            }
            JsonNode page = TrainingRun.body(
                    run.invoke(request("GET /products", "/products", null).query("limit=2")));
            String cursor = page.path("next_cursor").asText(null);
            if (cursor != null) {
                run.invoke(request("GET /products", "/products", null).query("limit=2&cursor=" + cursor));
            }
            run.invoke(request("GET /products", "/products", null).query("limit=20"));
            if (firstId == null) {
                continue;
            }
            run.invoke(product(firstId));
            run.invoke(product(UUID.randomUUID().toString()));
            run.invoke(product("not-an-id"));
            String reservation = UUID.randomUUID().toString();
            String reservationPath = "/products/stock-reservations/" + reservation;
            // The stock reservations are the orders function's direct invocations.
            run.invokeDirectly(
                    request(
                                    "PUT /products/stock-reservations/{reservation_id}",
                                    reservationPath,
                                    "{\"items\":[{\"product_id\":\"" + firstId
                                            + "\",\"quantity\":1}],\"ttl_seconds\":300}")
                            .pathParameters(Map.of("reservation_id", reservation)),
                    "orders");
            run.invokeDirectly(
                    request(
                                    "POST /products/stock-reservations/{reservation_id}/confirm",
                                    reservationPath + "/confirm",
                                    null)
                            .pathParameters(Map.of("reservation_id", reservation)),
                    "orders");
        }
        run.finish("products");
    }

    private static HttpApiEvent.Builder product(String id) {
        return request("GET /products/{product_id}", "/products/" + id, null).pathParameters(Map.of("product_id", id));
    }

    /** A token signed locally with made-up credentials: the SDK's signer classes, about 0.8 s of loading otherwise. */
    private static void signIamToken() {
        IamTokenLogin.rdsUtilities(
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("TRAINING", "training")))
                .sign("training.invalid", 3306, "training");
    }

    /** A connection attempt to a closed port: Connector/J loads its connection and error classes, fast. */
    private static void loadMySqlDriver() {
        try {
            DriverManager.getConnection("jdbc:mysql://127.0.0.1:9/training?connectTimeout=500", "training", "");
        } catch (Exception expected) {
            // Nothing listens there: the classes are loaded, which is all the training wants.
        }
    }
}
