package serverlessshop.products.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import serverlessshop.products.database.IamTokenLogin;
import serverlessshop.support.lambda.TrainingEvents;
import serverlessshop.support.lambda.TrainingRun;

/**
 * The AOT cache's training run of the products function (see the Dockerfile): the handler class
 * starts as Lambda starts it, then serves the catalogue and stock-reservation requests of a shop,
 * a few rounds, including the errors a shop meets (404, 400). The image build has no database, so
 * the training runs on H2 in MySQL mode with the migrations applied; the MySQL driver is loaded too,
 * so that its classes are in the cache for AWS, where the database is RDS for MySQL, and so is the
 * SDK's signing of an IAM database authentication token, which the first connection there needs.
 */
public final class AotTraining {

    private static final int ROUNDS = 3;

    private AotTraining() {
    }

    public static void main(String[] args) {
        System.setProperty("spring.datasource.url",
                "jdbc:h2:mem:training;MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
        System.setProperty("spring.datasource.username", "sa");
        System.setProperty("spring.datasource.password", "");
        System.setProperty("spring.flyway.enabled", "true");
        loadMySqlDriver();
        signIamToken();

        TrainingRun run = new TrainingRun(new StreamLambdaHandler());
        Map<String, String> admin = TrainingEvents.claims("training-admin", "openid", "[admin]");
        Map<String, String> orders = TrainingEvents.claims("training-orders", "products/stock", null);
        for (int round = 0; round < ROUNDS; round++) {
            String firstId = null;
            for (int i = 0; i < 3; i++) {
                JsonNode created = TrainingRun.body(run.invoke(TrainingEvents.event("POST /products", "/products", null,
                        admin, Map.of(), "{\"sku\":\"TRAIN-" + round + "-" + i + "\",\"name\":\"Training lamp " + i
                                + "\",\"description\":\"A lamp.\",\"price\":19.99,\"stock_quantity\":100,\"is_active\":true}")));
                firstId = firstId == null ? created.path("product_id").asText(null) : firstId;
            }
            JsonNode page = TrainingRun.body(run.invoke(TrainingEvents.event("GET /products", "/products", "limit=2",
                    null, Map.of(), null)));
            String cursor = page.path("next_cursor").asText(null);
            if (cursor != null) {
                run.invoke(TrainingEvents.event("GET /products", "/products", "limit=2&cursor=" + cursor, null, Map.of(), null));
            }
            run.invoke(TrainingEvents.event("GET /products", "/products", "limit=20", null, Map.of(), null));
            if (firstId == null) {
                continue;
            }
            String productPath = "/products/" + firstId;
            run.invoke(TrainingEvents.event("GET /products/{product_id}", productPath, null, null, Map.of(), null));
            run.invoke(TrainingEvents.event("GET /products/{product_id}", "/products/" + UUID.randomUUID(), null, null,
                    Map.of(), null));
            run.invoke(TrainingEvents.event("GET /products/{product_id}", "/products/not-an-id", null, null, Map.of(), null));
            String reservation = "/products/stock-reservations/" + UUID.randomUUID();
            run.invoke(TrainingEvents.event("PUT /products/stock-reservations/{reservation_id}", reservation, null, orders,
                    Map.of(), "{\"items\":[{\"product_id\":\"" + firstId + "\",\"quantity\":1}],\"ttl_seconds\":300}"));
            run.invoke(TrainingEvents.event("POST /products/stock-reservations/{reservation_id}/confirm",
                    reservation + "/confirm", null, orders, Map.of(), null));
        }
        run.finish("products");
    }

    /** A token signed locally with made-up credentials: the SDK's signer classes, about 0.8 s of loading otherwise. */
    private static void signIamToken() {
        IamTokenLogin.rdsUtilities(Region.US_EAST_1,
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
