package serverlessshop.localcloud.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.dynamodb.DynamoDbLocal;
import serverlessshop.localcloud.dynamodb.DynamoDbTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The orders table's stream read as Lambda's event source mapping reads it, against DynamoDB Local:
 * the records in order in Lambda's event shape, batchItemFailures honoured, a batch that keeps
 * failing dead-lettered after its retries, and the checkpoint kept across a restart.
 */
class StreamEventSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Duration> QUICK_RETRIES =
            List.of(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20));

    @TempDir
    static Path home;

    @TempDir
    Path data;

    private static DynamoDbLocal dynamoDb;
    private static DynamoDbClient client;
    private static int tables;

    private String table;
    /** What the function was handed: each call's records' order ids. */
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDynamoDb() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        dynamoDb =
                DynamoDbLocal.start(Repository.root().resolve("local-cloud/dynamodb-local/target"), port, null, home);
        dynamoDb.awaitReady(Duration.ofSeconds(60));
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopDynamoDb() {
        client.close();
        dynamoDb.close();
    }

    /** A table of the orders' definition, of its own for each test, with the stream the stack reads. */
    @BeforeEach
    void createTable() throws Exception {
        table = "orders-" + (++tables);
        ObjectNode definition = (ObjectNode) JSON.readTree(Repository.root()
                .resolve("orders-impl/src/main/resources/dynamodb/orders-table.json")
                .toFile());
        definition.put("TableName", table);
        definition.remove("StreamSpecification");
        Path file = data.resolve(table + ".json");
        Files.writeString(file, definition.toString());
        DynamoDbTables tablesApi = new DynamoDbTables(dynamoDb.endpoint());
        assertThat(tablesApi.ensure(file)).isTrue();
        // A table made before its definition had a stream gets one.
        definition
                .putObject("StreamSpecification")
                .put("StreamEnabled", true)
                .put("StreamViewType", "NEW_AND_OLD_IMAGES");
        Files.writeString(file, definition.toString());
        assertThat(tablesApi.ensureStream(file)).isTrue();
        assertThat(tablesApi.ensureStream(file)).isFalse();
    }

    private void put(String orderId, String status) {
        client.putItem(request -> request.tableName(table)
                .item(Map.of(
                        "order_id", AttributeValue.fromS(orderId),
                        "customer_id", AttributeValue.fromS("alice"),
                        "order_status", AttributeValue.fromS(status),
                        "version", AttributeValue.fromN("1"))));
    }

    private StreamEventSource source(StreamEventSource.Target target) throws Exception {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new StreamEventSource(
                        streams,
                        table,
                        "order-events",
                        target,
                        new StreamEventSource.StateFiles(
                                data.resolve("events/order-events.checkpoint.json"),
                                data.resolve("events/dead-letters/order-events.jsonl")),
                        QUICK_RETRIES)
                .start(Duration.ofMillis(50));
    }

    /** Records the call's order ids, then answers with no failures. */
    private byte[] record(byte[] event) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode record : JSON.readTree(event).path("Records")) {
            ids.add(record.path("dynamodb")
                    .path("NewImage")
                    .path("order_id")
                    .path("S")
                    .asText());
        }
        calls.add(ids);
        return "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);
    }

    private List<String> handed() {
        return calls.stream().flatMap(List::stream).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }

    @Test
    void handsTheRecordsOnInOrderInLambdasEventShape() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        put("o-1", "PENDING");
        put("o-2", "PENDING");
        try (StreamEventSource source = source(event -> {
            events.add(JSON.readTree(event));
            return record(event);
        })) {
            put("o-3", "PENDING");
            await(() -> handed().size() == 3);
        }

        assertThat(handed()).containsExactly("o-1", "o-2", "o-3");
        JsonNode first = events.getFirst().path("Records").get(0);
        assertThat(first.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(first.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(first.path("eventSourceARN").asText()).contains(table);
        assertThat(first.path("dynamodb")
                        .path("Keys")
                        .path("order_id")
                        .path("S")
                        .asText())
                .isEqualTo("o-1");
        assertThat(first.path("dynamodb")
                        .path("NewImage")
                        .path("version")
                        .path("N")
                        .asText())
                .isEqualTo("1");
        assertThat(first.path("dynamodb").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(first.path("dynamodb").path("SequenceNumber").asText()).isNotBlank();
        assertThat(first.path("dynamodb").path("ApproximateCreationDateTime").isNumber())
                .isTrue();
    }

    @Test
    void triesTheBatchAgainFromTheFirstRecordTheFunctionReportsFailed() throws Exception {
        put("o-1", "PENDING");
        put("o-2", "PENDING");
        put("o-3", "PENDING");
        try (StreamEventSource source = source(event -> {
            byte[] answer = record(event);
            JsonNode records = JSON.readTree(event).path("Records");
            if (calls.size() == 1 && records.size() == 3) {
                String second =
                        records.get(1).path("dynamodb").path("SequenceNumber").asText();
                return ("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + second + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return answer;
        })) {
            await(() -> calls.size() == 2);
            Thread.sleep(300);
        }

        assertThat(calls).containsExactly(List.of("o-1", "o-2", "o-3"), List.of("o-2", "o-3"));
    }

    @Test
    void writesABatchThatKeepsFailingToTheDeadLettersAfterItsRetriesAndGoesOn() throws Exception {
        put("o-1", "PENDING");
        Path deadLetters = data.resolve("events/dead-letters/order-events.jsonl");
        try (StreamEventSource source = source(event -> {
            List<String> ids = new ArrayList<>();
            JSON.readTree(event)
                    .path("Records")
                    .forEach(record -> ids.add(record.path("dynamodb")
                            .path("Keys")
                            .path("order_id")
                            .path("S")
                            .asText()));
            if (ids.contains("o-1")) {
                calls.add(ids);
                throw new IllegalStateException("the function failed");
            }
            return record(event);
        })) {
            await(() -> Files.exists(deadLetters));
            put("o-2", "PENDING");
            await(() -> handed().contains("o-2"));
        }

        assertThat(calls)
                .containsExactly(List.of("o-1"), List.of("o-1"), List.of("o-1"), List.of("o-1"), List.of("o-2"));
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.getFirst())
                        .path("dynamodb")
                        .path("Keys")
                        .path("order_id")
                        .path("S")
                        .asText())
                .isEqualTo("o-1");
    }

    @Test
    void goesOnAfterARestartFromTheLastRecordDone() throws Exception {
        put("o-1", "PENDING");
        put("o-2", "PENDING");
        try (StreamEventSource source = source(this::record)) {
            await(() -> handed().size() == 2);
        }
        put("o-3", "PENDING");
        put("o-2", "CONFIRMED");
        try (StreamEventSource source = source(this::record)) {
            await(() -> handed().size() == 4);
            Thread.sleep(300);
        }

        assertThat(handed()).containsExactly("o-1", "o-2", "o-3", "o-2");
        assertThat(data.resolve("events/order-events.checkpoint.json")).exists();
    }
}
