package serverlessshop.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.events.contract.OrderEventContract;
import serverlessshop.orders.lambda.OrderEventsHandler;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.EventBusStandIn;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TableStream;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The order-events function on the orders table's real stream: orders placed and moved through the
 * service on DynamoDB Local, the stream's records read with the Streams API and handed to the
 * function as Lambda's event source mapping does, its PutEvents calls taken by a stand-in bus.
 */
@WholeOrdersService
class OrderEventsHandlerTest {

    static final OrderEventContract CONTRACT = OrderEventContract.load();

    static final String BUS = "serverless-shop-test";
    static final ObjectMapper JSON = new ObjectMapper();

    static EventBusStandIn bus;
    static OrderEventsHandler function;
    static UUID lamp;

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderRepository orders;

    @BeforeAll
    static void startFunction() {
        OrdersTestEnvironment.start();
        bus = new EventBusStandIn();
        Map<String, String> properties = new HashMap<>(OrdersTestEnvironment.properties());
        properties.put("shop.order-events.bus", BUS);
        properties.put("shop.order-events.endpoint", bus.url());
        function = LambdaFunctions.withSystemProperties(properties, OrderEventsHandler::new);
        OrdersTestEnvironment.awaitReady();
        lamp = ProductsService.createProduct("Desk lamp <b>", "39.90", 1000);
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @BeforeEach
    void clearBus() {
        bus.clear();
    }

    @Test
    void eachStatusAnOrderReachesIsOneEventInTheStreamsOrderAndNothingElseIs() throws Exception {
        String customer = TestOrders.newCustomer();
        OrdersApi api = new OrdersApi(mvc);
        String key = UUID.randomUUID().toString();
        String first = place(api, customer, key);
        api.place(customer, key, TestOrders.orderJson(TestOrders.line(lamp, 2))).andExpect(status().isCreated());
        api.move(first, "SHIPPED", OrdersApi.admin()).andExpect(status().isConflict());
        for (String next : List.of("CONFIRMED", "SHIPPED", "DELIVERED")) {
            api.move(first, next, OrdersApi.admin()).andExpect(status().isOk());
        }
        String cancelled = place(api, customer, UUID.randomUUID().toString());
        api.move(cancelled, "CANCELLED", OrdersApi.customer(customer)).andExpect(status().isOk());
        List<String> confirmed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String order = place(api, customer, UUID.randomUUID().toString());
            api.move(order, "CONFIRMED", OrdersApi.admin()).andExpect(status().isOk());
            confirmed.add(order);
        }
        List<Record> records = TableStream.recordsOf(customer);

        Map<String, Object> answer = function.handleRequest(TableStream.lambdaEvent(records), context());

        assertThat(answer).containsEntry("batchItemFailures", List.of());
        List<String> expected = new ArrayList<>(List.of(
                first + " OrderPlaced",
                first + " OrderConfirmed",
                first + " OrderShipped",
                first + " OrderDelivered",
                cancelled + " OrderPlaced",
                cancelled + " OrderCancelled"));
        confirmed.forEach(order -> expected.addAll(List.of(order + " OrderPlaced", order + " OrderConfirmed")));
        List<JsonNode> entries = bus.entries();
        assertThat(entries)
                .extracting(entry -> detail(entry).path("order_id").asText() + " "
                        + entry.path("DetailType").asText())
                .as("one event per status reached, in the order of the changes")
                .containsExactlyElementsOf(expected);
        assertThat(records)
                .as("the batch also held the keys' records, counters and changes that keep the status")
                .hasSizeGreaterThan(entries.size())
                .anyMatch(record -> record.dynamodb().keys().get("order_id").s().startsWith("idempotency#"));
        assertThat(bus.calls()).extracting(List::size).containsExactly(10, 2);
        for (JsonNode entry : entries) {
            JsonNode detail = detail(entry);
            assertThat(CONTRACT.violations(detail)).as(detail.toString()).isEmpty();
            assertThat(entry.path("Source").asText()).isEqualTo("serverless-shop.orders");
            assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
            assertThat(entry.path("DetailType").asText())
                    .isEqualTo(detail.path("event_type").asText());
            assertThat(entry.path("Time").asDouble())
                    .isCloseTo(
                            Instant.parse(detail.path("occurred_at").asText()).toEpochMilli() / 1000.0, offset(0.001));
            assertThat(detail.has("shipping_address")).isFalse();
        }
        List<JsonNode> firstOrder = entries.stream()
                .map(OrderEventsHandlerTest::detail)
                .filter(detail -> detail.path("order_id").asText().equals(first))
                .toList();
        assertThat(firstOrder)
                .extracting(detail -> detail.path("sequence").asLong())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(firstOrder)
                .extracting(detail -> detail.path("previous_status").asText(null))
                .containsExactly(null, "PENDING", "CONFIRMED", "SHIPPED");
        assertThat(firstOrder.getFirst().path("total_amount").decimalValue()).isEqualByComparingTo("79.80");
        assertThat(firstOrder
                        .getFirst()
                        .path("items")
                        .get(0)
                        .path("product_name")
                        .asText())
                .isEqualTo("Desk lamp <b>");
        List<String> ids = eventIds(entries);
        assertThat(ids).doesNotHaveDuplicates();

        bus.clear();
        function.handleRequest(TableStream.lambdaEvent(records), context());

        assertThat(eventIds(bus.entries()))
                .as("a redelivered batch: the same events, the same ids")
                .isEqualTo(ids);
    }

    @Test
    void anEntryTheBusRefusesIsRetriedFromItsRecordWithNothingAfterItPublishedFirst() throws Exception {
        String customer = TestOrders.newCustomer();
        OrdersApi api = new OrdersApi(mvc);
        String order = place(api, customer, UUID.randomUUID().toString());
        api.move(order, "CONFIRMED", OrdersApi.admin()).andExpect(status().isOk());
        api.move(order, "SHIPPED", OrdersApi.admin()).andExpect(status().isOk());
        String later = place(api, customer, UUID.randomUUID().toString());
        List<Record> records = TableStream.recordsOf(customer);
        Record confirming = records.stream()
                .filter(record ->
                        order.equals(record.dynamodb().keys().get("order_id").s())
                                && "CONFIRMED".equals(TableStream.newString(record, "order_status"))
                                && "PENDING".equals(TableStream.oldString(record, "order_status")))
                .findFirst()
                .orElseThrow();
        bus.refuseInNextCall(1);

        Map<String, Object> answer = function.handleRequest(TableStream.lambdaEvent(records), context());

        assertThat(answer)
                .containsEntry(
                        "batchItemFailures",
                        List.of(Map.of("itemIdentifier", confirming.dynamodb().sequenceNumber())));
        assertThat(bus.calls())
                .as("nothing after the refused entry in another call")
                .hasSize(1);
        JsonNode placed = detail(bus.entries().getFirst());
        assertThat(placed.path("event_type").asText()).isEqualTo("OrderPlaced");

        bus.clear();
        List<Record> retried = records.subList(records.indexOf(confirming), records.size());
        Map<String, Object> again = function.handleRequest(TableStream.lambdaEvent(retried), context());

        assertThat(again).containsEntry("batchItemFailures", List.of());
        assertThat(bus.entries())
                .extracting(entry -> detail(entry).path("order_id").asText() + " "
                        + entry.path("DetailType").asText())
                .containsExactly(order + " OrderConfirmed", order + " OrderShipped", later + " OrderPlaced");
    }

    @Test
    void aPlacementUndoneAfterItsEventIsACancellationToWhoeverHeardOfIt() throws Exception {
        String customer = TestOrders.newCustomer();
        OrdersApi api = new OrdersApi(mvc);
        String order = place(api, customer, UUID.randomUUID().toString());
        StoredOrder placed = orders.findPlaced(order, customer).orElseThrow();
        // As UnconfirmedOrders undoes an order whose reservation closed before it was confirmed.
        assertThat(orders.deletePlaced(placed)).isTrue();
        String kept = place(api, customer, UUID.randomUUID().toString());
        api.move(kept, "CANCELLED", OrdersApi.customer(customer)).andExpect(status().isOk());
        List<Record> records = TableStream.recordsOf(customer);

        function.handleRequest(TableStream.lambdaEvent(records), context());

        assertThat(bus.entries())
                .extracting(entry -> detail(entry).path("order_id").asText() + " "
                        + entry.path("DetailType").asText())
                .as("the undone order is cancelled once; a cancelled order is not told twice")
                .containsExactly(
                        order + " OrderPlaced",
                        order + " OrderCancelled",
                        kept + " OrderPlaced",
                        kept + " OrderCancelled");
        JsonNode undone = detail(bus.entries().get(1));
        assertThat(CONTRACT.violations(undone)).as(undone.toString()).isEmpty();
        assertThat(undone.path("previous_status").asText()).isEqualTo("PENDING");
        assertThat(undone.path("order_status").asText()).isEqualTo("CANCELLED");
        assertThat(undone.path("sequence").asLong()).isEqualTo(placed.version() + 1);
    }

    @Test
    void aBusThatDoesNotAnswerFailsTheBatchFromItsFirstEvent() throws Exception {
        String customer = TestOrders.newCustomer();
        OrdersApi api = new OrdersApi(mvc);
        String order = place(api, customer, UUID.randomUUID().toString());
        List<Record> records = TableStream.recordsOf(customer);
        Record placing = records.stream()
                .filter(record ->
                        order.equals(record.dynamodb().keys().get("order_id").s())
                                && TableStream.oldString(record, "order_status") == null
                                && "PENDING".equals(TableStream.newString(record, "order_status")))
                .findFirst()
                .orElseThrow();
        bus.answerErrors();

        Map<String, Object> answer = function.handleRequest(TableStream.lambdaEvent(records), context());

        assertThat(answer)
                .containsEntry(
                        "batchItemFailures",
                        List.of(Map.of("itemIdentifier", placing.dynamodb().sequenceNumber())));
    }

    private static String place(OrdersApi api, String customer, String key) throws Exception {
        return OrdersApi.body(api.place(customer, key, TestOrders.orderJson(TestOrders.line(lamp, 2)))
                        .andExpect(status().isCreated()))
                .path("order_id")
                .asText();
    }

    private static InvocationContext context() {
        return InvocationContext.of("order-events");
    }

    private static JsonNode detail(JsonNode entry) {
        try {
            return JSON.readTree(entry.path("Detail").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> eventIds(List<JsonNode> entries) {
        return entries.stream()
                .map(entry -> detail(entry).path("event_id").asText())
                .toList();
    }
}
