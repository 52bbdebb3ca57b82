package serverlessshop.orders.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import serverlessshop.orders.events.contract.OrderEventContract;
import serverlessshop.orders.lambda.OrderMailHandler;
import serverlessshop.orders.testing.CognitoStandIn;
import serverlessshop.orders.testing.DynamoDbLocal;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.SesInbox;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import serverlessshop.support.testing.logs.SensitiveLogScanner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order-mails function with the real SES v2 emulator and a Cognito stand-in, on DynamoDB Local:
 * EventBridge events in, as a rule delivers them; the mails the emulator received checked.
 */
class OrderMailHandlerTest {

    static final OrderEventContract CONTRACT = OrderEventContract.load();

    static final String FROM = "orders@shop.example";
    static final String SITE = "https://shop.example/";
    static final String PRODUCT = "Desk lamp <script>alert(1)</script> & shade";
    static final ObjectMapper JSON = new ObjectMapper();

    static SesInbox inbox;
    static CognitoStandIn cognito;
    static OrderMailHandler function;

    @BeforeAll
    static void startFunction() {
        OrdersTestEnvironment.start();
        inbox = SesInbox.start();
        cognito = new CognitoStandIn();
        Map<String, String> properties = new HashMap<>(OrdersTestEnvironment.properties());
        properties.put("shop.order-mails.from", FROM);
        properties.put("shop.order-mails.site-url", SITE);
        properties.put("shop.order-mails.user-pool-id", CognitoStandIn.USER_POOL_ID);
        properties.put("shop.order-mails.ses-endpoint", inbox.url());
        properties.put("shop.order-mails.cognito-endpoint", cognito.url());
        function = LambdaFunctions.withSystemProperties(properties, OrderMailHandler::new);
        OrdersTestEnvironment.awaitReady();
    }

    @AfterAll
    static void stop() {
        inbox.close();
        cognito.close();
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource({"OrderPlaced, is placed", "OrderShipped, has shipped", "OrderCancelled, is cancelled"})
    void theCustomerGetsOneMailOfTheEvent(String type, String verb) {
        String customer = customerWithVerifiedAddress();
        Map<String, Object> event = event(type, customer);
        String orderId = orderId(event);

        invoke(event);

        List<JsonNode> mails = inbox.mailsTo(address(customer));
        assertThat(mails).hasSize(1);
        JsonNode mail = mails.getFirst();
        String reference = orderId.substring(orderId.length() - 8).toUpperCase(Locale.ROOT);
        assertThat(mail.path("subject").asText()).isEqualTo("Your order " + reference + " " + verb);
        assertThat(mail.path("from").asText()).isEqualTo(FROM);
        assertThat(mail.path("destination").path("to"))
                .extracting(JsonNode::asText)
                .containsExactly(address(customer));
        String html = mail.path("body").path("html").asText();
        String text = mail.path("body").path("text").asText();
        assertThat(html)
                .contains("Desk lamp &lt;script&gt;alert(1)&lt;/script&gt; &amp; shade")
                .doesNotContain("<script>")
                .contains("href=\"https://shop.example/#/orders/" + orderId + "\"")
                .contains("149.97");
        assertThat(text)
                .contains(PRODUCT + " x 2 at 24.99: 49.98")
                .contains("Desk lamp x 1 at 99.99: 99.99")
                .contains("Total: 149.97")
                .contains("https://shop.example/#/orders/" + orderId);
        for (String part : List.of(html, text, mail.path("subject").asText())) {
            assertThat(part)
                    .as("no address, token or secret")
                    .doesNotContain(address(customer), "Serverless Way", "Bearer", "eyJ", "secret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OrderConfirmed", "OrderDelivered"})
    void eventsThatAreNoNewsToTheCustomerSendNoMail(String type) {
        String customer = customerWithVerifiedAddress();

        invoke(event(type, customer));

        assertThat(inbox.mailsTo(address(customer))).isEmpty();
    }

    @Test
    void anEventDeliveredTwiceSendsOneMail() {
        String customer = customerWithVerifiedAddress();
        Map<String, Object> event = event("OrderShipped", customer);

        invoke(event);
        invoke(event);

        assertThat(inbox.mailsTo(address(customer))).hasSize(1);
    }

    @Test
    void whenSesIsDownTheFunctionThrowsAndTheRetrySendsTheMailOnce() {
        String customer = customerWithVerifiedAddress();
        Map<String, Object> event = event("OrderPlaced", customer);
        inbox.down();
        try {
            assertThatThrownBy(() -> invoke(event)).isInstanceOf(RuntimeException.class);
            assertThat(claimExists(event, customer)).as("the claim is given up").isFalse();
        } finally {
            inbox.up();
        }

        invoke(event);
        invoke(event);

        assertThat(inbox.mailsTo(address(customer))).hasSize(1);
        assertThat(claimExists(event, customer)).isTrue();
    }

    @Test
    void aCustomerWithoutAVerifiedAddressOrWithoutAUserGetsNoMailAndNothingFails() {
        String unverified = TestOrders.newCustomer();
        cognito.addUser(unverified, address(unverified), false);
        String unknown = TestOrders.newCustomer();

        invoke(event("OrderPlaced", unverified));
        invoke(event("OrderPlaced", unknown));

        assertThat(inbox.mailsTo(address(unverified))).isEmpty();
        assertThat(inbox.mailsTo(address(unknown))).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void eachMailSentIsOneJsonLogLineWithItsIdsAndNoAddressIsLogged(CapturedOutput output) {
        String customer = customerWithVerifiedAddress();
        String unverified = TestOrders.newCustomer();
        cognito.addUser(unverified, address(unverified), false);
        Map<String, Object> event = event("OrderCancelled", customer);

        invoke(event);
        invoke(event("OrderCancelled", unverified));

        @SuppressWarnings("unchecked")
        String eventId = (String) ((Map<String, Object>) event.get("detail")).get("event_id");
        String messageId =
                inbox.mailsTo(address(customer)).getFirst().path("messageId").asText();
        List<JsonNode> sent = output.getOut()
                .lines()
                .filter(line -> line.startsWith("{") && line.contains(eventId))
                .map(OrderMailHandlerTest::json)
                .filter(line -> line.has("message_id"))
                .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().path("event_id").asText()).isEqualTo(eventId);
        assertThat(sent.getFirst().path("order_id").asText()).isEqualTo(orderId(event));
        assertThat(sent.getFirst().path("message_id").asText()).isEqualTo(messageId);
        assertThat(output.getAll()).doesNotContain(address(customer), address(unverified), "@example.com");
        SensitiveLogScanner.standard().assertClean(output.getAll());
    }

    @Test
    void theTestEventsAreValidOrderEventsAndTheSchemaCheckCatchesAWrongOne() {
        for (String type : List.of("OrderPlaced", "OrderShipped", "OrderCancelled", "OrderConfirmed")) {
            JsonNode detail = JSON.valueToTree(event(type, "customer-1").get("detail"));
            assertThat(CONTRACT.violations(detail)).isEmpty();
        }
        ObjectNode wrong = JSON.valueToTree(event("OrderPlaced", "customer-1").get("detail"));
        wrong.put("event_id", "not-a-uuid");
        wrong.put("shipping_address", "123 Serverless Way");
        assertThat(CONTRACT.violations(wrong)).as("the schema check can fail").hasSize(2);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void invoke(Map<String, Object> event) {
        function.handleRequest(event, InvocationContext.of("order-mails"));
    }

    private static String customerWithVerifiedAddress() {
        String customer = TestOrders.newCustomer();
        cognito.addUser(customer, address(customer), true);
        return customer;
    }

    private static String address(String customer) {
        return customer + "@example.com";
    }

    @SuppressWarnings("unchecked")
    private static String orderId(Map<String, Object> event) {
        return (String) ((Map<String, Object>) event.get("detail")).get("order_id");
    }

    private static boolean claimExists(Map<String, Object> event, String customer) {
        @SuppressWarnings("unchecked")
        String eventId = (String) ((Map<String, Object>) event.get("detail")).get("event_id");
        try (DynamoDbClient client = DynamoDbLocal.client()) {
            return client.getItem(request -> request.tableName(DynamoDbLocal.TABLE)
                            .key(Map.of(
                                    "order_id", AttributeValue.fromS("mail#" + eventId),
                                    "customer_id", AttributeValue.fromS(customer)))
                            .consistentRead(true))
                    .hasItem();
        }
    }

    /** An order event as an EventBridge rule delivers it to a function. */
    private static Map<String, Object> event(String type, String customer) {
        String status = switch (type) {
            case "OrderPlaced" -> "PENDING";
            case "OrderConfirmed" -> "CONFIRMED";
            case "OrderShipped" -> "SHIPPED";
            case "OrderDelivered" -> "DELIVERED";
            default -> "CANCELLED";
        };
        String json = """
                {"version":"0","id":"%s","detail-type":"%s","source":"serverless-shop.orders",
                 "account":"000000000000","time":"2026-09-22T08:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"event_id":"%s","event_type":"%s","occurred_at":"2026-09-22T08:00:00.123Z",
                   "sequence":3,"order_id":"%s","customer_id":"%s","order_status":"%s",
                   "order_date":"2026-09-21T10:30:00Z","total_amount":149.97,
                   "items":[{"product_id":"%s","product_name":%s,"quantity":2,"price_per_unit":24.99},
                            {"product_id":"%s","product_name":"Desk lamp","quantity":1,"price_per_unit":99.99}]}}
                """.formatted(
                        UUID.randomUUID(),
                        type,
                        UUID.randomUUID(),
                        type,
                        UUID.randomUUID(),
                        customer,
                        status,
                        UUID.randomUUID(),
                        quoted(PRODUCT),
                        UUID.randomUUID());
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
