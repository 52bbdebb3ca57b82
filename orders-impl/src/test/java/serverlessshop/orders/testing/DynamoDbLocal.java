package serverlessshop.orders.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import serverlessshop.orders.store.OrdersTableDefinition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local 3.3.1, as local-cloud/dynamodb-local assembles it, in its own JVM (its Jetty,
 * Kotlin and log4j would clash with Spring Boot's on this class path), in memory, once per test
 * JVM, with the orders table created from dynamodb/orders-table.json.
 */
public final class DynamoDbLocal {

    public static final String TABLE = "orders";
    private static final Path HOME =
            Path.of(System.getProperty("orders.test.dynamodb-local", "../local-cloud/dynamodb-local/target"));
    private static final LocalServer SERVER = new LocalServer(
            "dynamodb-local",
            HOME,
            port -> List.of(
                    "-Djava.library.path=" + HOME.resolve("native").toAbsolutePath(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    HOME.resolve("lib").toAbsolutePath() + "/*",
                    "serverlessshop.dynamodblocal.LoopbackServerRunner", // ServerRunner would listen on every interface
                    "-inMemory",
                    "-sharedDb",
                    "-disableTelemetry",
                    "-port",
                    Integer.toString(port)),
            Map.of());

    private static boolean tableCreated;

    private DynamoDbLocal() {}

    /** Starts it, if it is not running yet, without waiting for it. */
    public static void start() {
        SERVER.port();
    }

    /** Waits until it answers and the orders table exists. */
    public static synchronized void awaitReady() {
        if (tableCreated) {
            return;
        }
        try (DynamoDbClient client = client()) {
            SERVER.awaitReady(Duration.ofSeconds(30), () -> {
                try {
                    client.listTables();
                    return true;
                } catch (SdkException e) {
                    return false;
                }
            });
            OrdersTableDefinition.createIfMissing(client, TABLE);
        }
        tableCreated = true;
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /** A plain client of it, for tests that look at the table behind the service's back. */
    public static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
