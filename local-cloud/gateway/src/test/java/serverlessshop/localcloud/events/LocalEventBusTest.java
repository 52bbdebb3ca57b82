package serverlessshop.localcloud.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.aws.AwsJsonApi;
import serverlessshop.localcloud.lambda.LambdaApi;
import serverlessshop.orders.events.contract.OrderEventContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The local bus as the order-events function's AWS SDK sees it: PutEvents signed by the SDK with a
 * function's key pair, each entry held to the events contract, the accepted ones archived and routed
 * by the rule of terraform/modules/events/order-mails.pattern.json to a target invoked
 * asynchronously, retried, then dead-lettered.
 */
class LocalEventBusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LambdaApi.Role PUBLISHER =
            new LambdaApi.Role("order-events", "AKIALOCALEVENTS00001", "order-events-secret");
    private static final String BUS = "serverless-shop-orders";

    @TempDir
    Path data;

    private AwsJsonApi api;
    private LocalEventBus bus;
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean targetFails;

    @BeforeEach
    void start() throws Exception {
        bus = new LocalEventBus(
                BUS,
                "eu-west-1",
                OrderEventContract.load(),
                data.resolve("events/archive.jsonl"),
                data.resolve("events/dead-letters"),
                List.of(Duration.ofMillis(50), Duration.ofMillis(100)));
        bus.addRule(
                "order-mails",
                Files.readString(Repository.root().resolve("terraform/modules/events/order-mails.pattern.json")),
                event -> {
                    attempts.incrementAndGet();
                    if (targetFails) {
                        throw new IllegalStateException("the function failed");
                    }
                    delivered.add(JSON.readTree(event));
                });
        Map<String, LambdaApi.Role> roles = Map.of(PUBLISHER.accessKeyId(), PUBLISHER);
        api = AwsJsonApi.start(0, key -> Optional.ofNullable(roles.get(key)));
        api.add("AWSEvents.PutEvents", bus.putEventsOperation());
    }

    @AfterEach
    void stop() {
        bus.close();
        api.close();
    }

    private EventBridgeClient client(String keyId, String secret) {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(api.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static ObjectNode detail(String type, String status, long sequence) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("event_id", "5b0e6f9c-2d8a-5e1b-9c3f-7a4d2e6b8c1" + sequence);
        detail.put("event_type", type);
        detail.put("occurred_at", "2026-09-22T08:00:00Z");
        detail.put("sequence", sequence);
        detail.put("order_id", "0192f1a5-0b7e-7c41-8a3d-2f6e9b0c1d24");
        detail.put("customer_id", "alice");
        detail.put("order_status", status);
        detail.put("order_date", "2026-09-21T10:30:00Z");
        detail.put("total_amount", 99.99);
        detail.putArray("items")
                .addObject()
                .put("product_id", "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60")
                .put("product_name", "Desk lamp")
                .put("quantity", 1)
                .put("price_per_unit", 99.99);
        return detail;
    }

    private static PutEventsRequestEntry entry(JsonNode detail) {
        return PutEventsRequestEntry.builder()
                .source("serverless-shop.orders")
                .detailType(detail.path("event_type").asText())
                .detail(detail.toString())
                .eventBusName(BUS)
                .time(Instant.parse("2026-09-22T08:00:00Z"))
                .build();
    }

    private List<JsonNode> archived() throws Exception {
        Path archive = data.resolve("events/archive.jsonl");
        if (!Files.exists(archive)) {
            return List.of();
        }
        return Files.readAllLines(archive).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void acceptsValidEventsArchivesThemAndDeliversTheMatchingOnesOnly() throws Exception {
        try (EventBridgeClient events = client(PUBLISHER.accessKeyId(), PUBLISHER.secretAccessKey())) {
            PutEventsResponse answer = events.putEvents(request -> request.entries(
                    entry(detail("OrderPlaced", "PENDING", 1)), entry(detail("OrderConfirmed", "CONFIRMED", 2))));

            assertThat(answer.failedEntryCount()).isZero();
            assertThat(answer.entries())
                    .allSatisfy(result -> assertThat(result.eventId()).isNotBlank());
            awaitTrue(() -> !delivered.isEmpty());
            Thread.sleep(200);
            assertThat(delivered).hasSize(1);
            JsonNode event = delivered.getFirst();
            assertThat(event.path("detail-type").asText()).isEqualTo("OrderPlaced");
            assertThat(event.path("source").asText()).isEqualTo("serverless-shop.orders");
            assertThat(event.path("time").asText()).isEqualTo("2026-09-22T08:00:00Z");
            assertThat(event.path("id").asText())
                    .isEqualTo(answer.entries().getFirst().eventId());
            assertThat(event.path("detail").toString())
                    .isEqualTo(detail("OrderPlaced", "PENDING", 1).toString());
            assertThat(archived())
                    .extracting(
                            archivedEvent -> archivedEvent.path("detail-type").asText())
                    .containsExactly("OrderPlaced", "OrderConfirmed");
        }
    }

    @Test
    void refusesAnEntryWhoseDetailBreaksTheContractAndArchivesNothingOfIt() throws Exception {
        ObjectNode invalid = detail("OrderShipped", "SHIPPED", 3);
        invalid.remove("customer_id");
        invalid.put("sequence", 0);
        try (EventBridgeClient events = client(PUBLISHER.accessKeyId(), PUBLISHER.secretAccessKey())) {
            PutEventsResponse answer = events.putEvents(
                    request -> request.entries(entry(invalid), entry(detail("OrderShipped", "SHIPPED", 3))));

            assertThat(answer.failedEntryCount()).isEqualTo(1);
            assertThat(answer.entries().getFirst().errorCode()).isEqualTo("InvalidArgument");
            assertThat(answer.entries().getFirst().errorMessage()).contains("customer_id", "sequence");
            assertThat(answer.entries().getFirst().eventId()).isNull();
            assertThat(answer.entries().get(1).eventId()).isNotBlank();
            assertThat(archived()).hasSize(1);
            assertThat(archived().getFirst().path("detail").has("customer_id")).isTrue();
        }
    }

    @Test
    void refusesRequestsNotSignedWithAFunctionsKeys() {
        try (EventBridgeClient wrongSecret = client(PUBLISHER.accessKeyId(), "not-the-secret");
                EventBridgeClient unknownKey = client("AKIALOCALSTRANGER001", "whatever")) {
            assertThatThrownBy(() -> wrongSecret.putEvents(
                            request -> request.entries(entry(detail("OrderPlaced", "PENDING", 1)))))
                    .isInstanceOfSatisfying(
                            EventBridgeException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            assertThatThrownBy(() -> unknownKey.putEvents(
                            request -> request.entries(entry(detail("OrderPlaced", "PENDING", 1)))))
                    .isInstanceOfSatisfying(
                            EventBridgeException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        assertThat(delivered).isEmpty();
        assertThat(data.resolve("events/archive.jsonl")).doesNotExist();
    }

    @Test
    void retriesAFailingTargetTwiceThenWritesTheEventToItsDeadLetters() throws Exception {
        targetFails = true;
        try (EventBridgeClient events = client(PUBLISHER.accessKeyId(), PUBLISHER.secretAccessKey())) {
            events.putEvents(request -> request.entries(entry(detail("OrderCancelled", "CANCELLED", 2))));
        }
        Path deadLetters = data.resolve("events/dead-letters/order-mails.jsonl");
        awaitTrue(() -> Files.exists(deadLetters));

        assertThat(attempts).hasValue(3);
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.getFirst()).path("detail").toString())
                .isEqualTo(detail("OrderCancelled", "CANCELLED", 2).toString());
    }
}
