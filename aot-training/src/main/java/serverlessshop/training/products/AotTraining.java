package serverlessshop.training.products;

import static serverlessshop.training.TrainingRun.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * the training runs on H2 in MySQL mode with the migrations applied. In AWS the first request opens
 * a connection to RDS for MySQL, which H2 never trains: the Connector/J classes a real connection and
 * its statements load ({@link #MYSQL_DRIVER_CLASSES}, listed by MySqlDriverClassesTest from this
 * training run against MariaDB) are loaded here, so that they are in the cache; and so is the SDK's
 * signing of an IAM database authentication token, which the first connection there needs.
 * With {@code -Dtraining.database.url} (and {@code .user}, {@code .password}) the training runs
 * against that database instead, and loads nothing from the list: that is the run the list comes from.
 */
public final class AotTraining {

    private static final int ROUNDS = 3;

    /** The resource listing the driver's classes, one binary name a line ("#" starts a comment). */
    static final String MYSQL_DRIVER_CLASSES = "serverlessshop/training/products/mysql-driver-classes.txt";

    private AotTraining() {}

    public static void main(String[] args) {
        String database = System.getProperty("training.database.url");
        if (database == null) {
            System.setProperty(
                    "spring.datasource.url",
                    "jdbc:h2:mem:training;MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
            System.setProperty("spring.datasource.username", "sa");
            System.setProperty("spring.datasource.password", "");
            loadMySqlDriverClasses();
        } else {
            System.setProperty("spring.datasource.url", database);
            System.setProperty("spring.datasource.username", System.getProperty("training.database.user", "root"));
            System.setProperty("spring.datasource.password", System.getProperty("training.database.password", ""));
        }
        System.setProperty("spring.flyway.enabled", "true");
        // The function's 3 s for a connection is for a database already up; a loaded build machine has
        // taken longer to open the first one (driver classes not yet cached), and the training then failed.
        System.setProperty("spring.datasource.hikari.connection-timeout", "60000");
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

    /**
     * Loads (not initialises: no driver code runs) the listed classes through the loader of the
     * function's own jars, which defines them as a real connection would.
     */
    private static void loadMySqlDriverClasses() {
        ClassLoader loader = StreamLambdaHandler.class.getClassLoader();
        List<String> missing = new ArrayList<>();
        for (String name : mysqlDriverClasses()) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            // The cache is still made, with what was found; MySqlDriverClassesTest says the list is stale.
            System.out.println(
                    "AOT training: " + missing.size() + " listed MySQL driver classes not loaded: " + missing);
        }
    }

    /** The names in {@link #MYSQL_DRIVER_CLASSES}. */
    static List<String> mysqlDriverClasses() {
        try (InputStream list = AotTraining.class.getClassLoader().getResourceAsStream(MYSQL_DRIVER_CLASSES)) {
            if (list == null) {
                throw new IllegalStateException(MYSQL_DRIVER_CLASSES + " is not on the class path");
            }
            return new String(list.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
