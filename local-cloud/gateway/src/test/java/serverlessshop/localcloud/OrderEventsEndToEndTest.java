package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.lambda.LambdaApi;
import serverlessshop.orders.events.contract.OrderEventContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The order events' whole path in the stack as make run starts it: orders placed and moved through the
 * gateway, the orders table's stream read for order-events, its events on the local bus (archived,
 * each held to the contract), the order-mails rule, and the mails in the SES v2 emulator's inbox,
 * sent once per event even when an event comes again.
 */
class OrderEventsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningLocalCloud running;

    @BeforeAll
    static void startStack() throws Exception {
        running = RunningLocalCloud.start();
    }

    @AfterAll
    static void stopStack() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void eachStatusChangeIsOneArchivedEventAndTheCustomersGetTheirMailsOnce() throws Exception {
        String admin = running.adminIssuer().signIn("admin");
        String alice = running.issuer().signIn("alice");
        String productId = createProduct(admin);

        String shipped = placeOrder(alice, productId);
        if (status(shipped, alice).equals("PENDING")) {
            assertThat(changeStatus(shipped, admin, "/admin/orders/", "CONFIRMED"))
                    .isEqualTo("CONFIRMED");
        }
        assertThat(changeStatus(shipped, admin, "/admin/orders/", "SHIPPED")).isEqualTo("SHIPPED");
        String cancelled = placeOrder(alice, productId);
        assertThat(changeStatus(cancelled, alice, "/orders/", "CANCELLED")).isEqualTo("CANCELLED");

        // Placed, shipped; placed, cancelled: the mails the order-mails rule sends for.
        await(() -> mails().size() >= 4);
        Thread.sleep(2_000);
        List<JsonNode> mails = mails();
        assertThat(mails).hasSize(4);
        assertThat(mails)
                .allSatisfy(
                        mail -> assertThat(mail.path("destination").toString()).contains("alice@example.com"));
        assertThat(mails)
                .extracting(mail -> mail.path("subject").asText())
                .containsExactlyInAnyOrder(
                        "Your order " + reference(shipped) + " is placed",
                        "Your order " + reference(shipped) + " has shipped",
                        "Your order " + reference(cancelled) + " is placed",
                        "Your order " + reference(cancelled) + " is cancelled");

        List<JsonNode> events = archived();
        OrderEventContract contract = OrderEventContract.load();
        for (JsonNode event : events) {
            assertThat(contract.violations(event.path("detail")))
                    .as(event.toString())
                    .isEmpty();
            assertThat(event.path("source").asText()).isEqualTo("serverless-shop.orders");
            assertThat(event.path("detail-type").asText())
                    .isEqualTo(event.path("detail").path("event_type").asText());
        }
        Map<String, List<JsonNode>> byOrder = events.stream()
                .collect(Collectors.groupingBy(
                        event -> event.path("detail").path("order_id").asText()));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrder(shipped, cancelled);
        for (Map.Entry<String, List<JsonNode>> order : byOrder.entrySet()) {
            List<String> statuses = order.getValue().stream()
                    .map(event -> event.path("detail").path("order_status").asText())
                    .toList();
            assertThat(statuses).as("one event per status change").doesNotHaveDuplicates();
            JsonNode last = order.getValue().stream()
                    .max(Comparator.comparingLong(
                            event -> event.path("detail").path("sequence").asLong()))
                    .orElseThrow();
            assertThat(last.path("detail").path("order_status").asText()).isEqualTo(status(order.getKey(), alice));
        }
        assertThat(byOrder.get(shipped))
                .extracting(event -> event.path("detail-type").asText())
                .contains("OrderPlaced", "OrderShipped");
        assertThat(byOrder.get(cancelled))
                .extracting(event -> event.path("detail-type").asText())
                .contains("OrderPlaced", "OrderCancelled");

        // An event that comes again (as EventBridge may deliver one twice) sends no second mail.
        JsonNode placed = byOrder.get(shipped).stream()
                .filter(event -> event.path("detail-type").asText().equals("OrderPlaced"))
                .findFirst()
                .orElseThrow();
        try (EventBridgeClient bus = publisher()) {
            PutEventsResponse again = bus.putEvents(request ->
                    request.entries(entry -> entry.source(placed.path("source").asText())
                            .detailType(placed.path("detail-type").asText())
                            .detail(placed.path("detail").toString())
                            .eventBusName("serverless-shop-orders")));
            assertThat(again.failedEntryCount()).isZero();
        }
        await(() -> archived().size() == events.size() + 1);
        Thread.sleep(5_000);
        assertThat(mails()).hasSize(4);
        assertThat(running.data().resolve("events/dead-letters/order-mails.jsonl"))
                .as("order-mails took it (and sent nothing)")
                .doesNotExist();
        assertThat(running.data().resolve("events/dead-letters/order-events.jsonl"))
                .doesNotExist();
    }

    /** The order-events function's SDK, as it signs: its role's keys, derived from the stack's seed. */
    private static EventBridgeClient publisher() {
        LambdaApi.Role role =
                FunctionWiring.role("order-events", running.localAws().credentialsSeed());
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(running.localAws().awsJsonEndpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(role.accessKeyId(), role.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** How the mails name an order. */
    private static String reference(String orderId) {
        return orderId.substring(orderId.length() - 8).toUpperCase();
    }

    private static String createProduct(String admin) throws Exception {
        HttpResponse<String> created = running.send("POST", "/admin/products", admin, """
                {"sku": "EVENTS-%s", "name": "Events lamp", "description": "Made by the events test.",
                 "price": 19.90, "stock_quantity": 25, "is_active": true}""".formatted(
                        UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("product_id").asText();
    }

    private static String placeOrder(String customer, String productId) throws Exception {
        String order = """
                {"items": [{"product_id": "%s", "quantity": 1}],
                 "shipping_address": {"street": "1 Event Street", "city": "Cloud City", "zip_code": "12345", "country": "US"}}
                """.formatted(productId);
        HttpResponse<String> placed = running.send(
                "POST",
                "/orders",
                customer,
                order,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return JSON.readTree(placed.body()).path("order_id").asText();
    }

    private static String status(String orderId, String customer) throws Exception {
        HttpResponse<String> read = running.send("GET", "/orders/" + orderId, customer, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return JSON.readTree(read.body()).path("order_status").asText();
    }

    private static String changeStatus(String orderId, String token, String path, String status) throws Exception {
        HttpResponse<String> changed =
                running.send("PUT", path + orderId, token, "{\"order_status\": \"" + status + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return JSON.readTree(changed.body()).path("order_status").asText();
    }

    private static List<JsonNode> mails() {
        try {
            HttpResponse<String> store = HTTP.send(
                    HttpRequest.newBuilder(URI.create(running.localAws().mailInbox() + "/store"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> mails = new ArrayList<>();
            JSON.readTree(store.body()).path("emails").forEach(mails::add);
            return mails;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> archived() {
        Path archive = running.data().resolve("events/archive.jsonl");
        try {
            if (!Files.exists(archive)) {
                return List.of();
            }
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(archive)) {
                events.add(JSON.readTree(line));
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(condition.getAsBoolean()).as("within two minutes").isTrue();
    }
}
