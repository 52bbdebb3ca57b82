package serverlessshop.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import serverlessshop.orders.api.model.OrderCreate;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.IdempotencyKeys;
import serverlessshop.orders.store.IdempotencyRecord;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.DynamoDbFaults;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsProxy.Fault;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * POST /orders: the saga against the real products service, its idempotency, and each way it can
 * fail, checking afterwards that no order and no stock is left behind.
 */
@WholeOrdersService
class PlaceOrderApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderRepository orders;

    @Autowired
    DynamoDbTable<StoredOrder> table;

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    DynamoDbFaults dynamoDbFaults;

    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    OrdersApi api;
    String customer;
    String key;
    UUID lamp;
    UUID notebook;

    @BeforeEach
    void products() {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        key = UUID.randomUUID().toString();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 5);
        notebook = ProductsService.createProduct("Notebook", "24.95", 10);
        ProductsProxy.reset();
    }

    @AfterEach
    void healProducts() {
        ProductsProxy.reset();
        dynamoDbFaults.reset();
    }

    @Test
    void anOrderReservesAndConfirmsTheStockAtTheCatalogsPrices() throws Exception {
        MvcResult placed = api.place(customer, key, orderJson(line(lamp, 1), line(notebook, 3)))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.customer_id").value(customer))
                .andExpect(jsonPath("$.order_status").value("PENDING"))
                .andExpect(jsonPath("$.items[0].product_name").value("Desk lamp"))
                .andExpect(jsonPath("$.items[0].price_per_unit").value(39.90))
                .andExpect(jsonPath("$.items[1].product_name").value("Notebook"))
                .andExpect(jsonPath("$.items[1].quantity").value(3))
                .andExpect(jsonPath("$.total_amount").value(114.75))
                .andReturn();
        JsonNode order = OrdersApi.body(placed);
        String orderId = order.path("order_id").asText();

        assertThat(placed.getResponse().getHeader("Location")).isEqualTo("/orders/" + orderId);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);
        assertThat(ProductsService.stockOf(notebook)).isEqualTo(7);
        assertThat(ProductsService.reservationStatus(orderId))
                .as("reservation_id = order_id")
                .isEqualTo("CONFIRMED");
        api.read(orderId, OrdersApi.customer(customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_amount").value(114.75))
                .andExpect(
                        jsonPath("$.order_date").value(order.path("order_date").asText()));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheOrderWithoutReservingAgain() throws Exception {
        JsonNode first = OrdersApi.body(
                api.place(customer, key, orderJson(line(lamp, 2))).andExpect(status().isCreated()));

        JsonNode replay = OrdersApi.body(api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string(
                                "Location", "/orders/" + first.path("order_id").asText())));

        assertThat(replay).isEqualTo(first);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
        assertThat(ProductsProxy.calls().stream().filter(ProductsProxy.reserve()))
                .hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() throws Exception {
        api.place(customer, key, orderJson(line(lamp, 1))).andExpect(status().isCreated());

        api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));

        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);
    }

    @Test
    void aKeyBelongsToItsCustomer() throws Exception {
        String other = TestOrders.newCustomer();
        String mine = OrdersApi.body(
                        api.place(customer, key, orderJson(line(lamp, 1))).andExpect(status().isCreated()))
                .path("order_id")
                .asText();

        String theirs = OrdersApi.body(api.place(other, key, orderJson(line(lamp, 1)))
                        .andExpect(status().isCreated())
                        .andExpect(header().doesNotExist("Idempotent-Replayed")))
                .path("order_id")
                .asText();

        assertThat(theirs).isNotEqualTo(mine);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyMakeOneOrderAndOneReservation() throws Exception {
        String body = orderJson(line(lamp, 2));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcResult>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return api.place(customer, key, body).andReturn();
                }));
            }
            start.countDown();
        }

        List<String> placed = new ArrayList<>();
        for (Future<MvcResult> answer : answers) {
            MvcResult result = answer.get();
            int status = result.getResponse().getStatus();
            assertThat(status).as(result.getResponse().getContentAsString()).isIn(201, 409);
            if (status == 201) {
                placed.add(OrdersApi.body(result).path("order_id").asText());
            } else {
                assertThat(OrdersApi.body(result).path("code").asText()).isEqualTo("REQUEST_IN_PROGRESS");
            }
        }
        assertThat(placed).isNotEmpty().containsOnly(placed.getFirst());
        assertThat(table.query(QueryConditional.keyEqualTo(k -> k.partitionValue(placed.getFirst())))
                        .items())
                .hasSize(1);
        assertThat(ProductsProxy.calls().stream().filter(ProductsProxy.reserve()))
                .hasSize(1);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
    }

    @Test
    void anOrderWithoutIdempotencyKeyIs400() throws Exception {
        api.place(customer, null, orderJson(line(lamp, 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.errors[0].in").value("header"));
    }

    @Test
    void theSameProductTwiceIs400NamingTheSecondAndAsksNothingOfProducts() throws Exception {
        api.place(customer, key, orderJson(line(lamp, 1), line(notebook, 1), line(lamp, 2)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("items[2].product_id"))
                .andExpect(jsonPath("$.errors[0].in").value("body"));
        assertThat(ProductsProxy.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no items          | 0  | 1   | items
            51 items          | 51 | 1   | items
            quantity 0        | 1  | 0   | items[0].quantity
            quantity 101      | 1  | 101 | items[0].quantity
            """)
    void itemsAndQuantitiesOutsideTheirLimitsAre400(String what, int items, int quantity, String field)
            throws Exception {
        TestOrders.Line[] lines = new TestOrders.Line[items];
        for (int i = 0; i < items; i++) {
            lines[i] = line(UUID.randomUUID(), quantity);
        }
        api.place(customer, key, orderJson(lines))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void notEnoughStockIs409NamingEachShortProductAndLeavesNothing() throws Exception {
        api.place(customer, key, orderJson(line(notebook, 2), line(lamp, 6)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INSUFFICIENT_STOCK"))
                .andExpect(jsonPath("$.shortages.length()").value(1))
                .andExpect(jsonPath("$.shortages[0].product_id").value(lamp.toString()))
                .andExpect(jsonPath("$.shortages[0].requested").value(6))
                .andExpect(jsonPath("$.shortages[0].available").value(5));

        assertNothingLeft();
    }

    @Test
    void aProductThatDoesNotExistOrIsNotForSaleIs422NamingTheItem() throws Exception {
        UUID retired = ProductsService.createInactiveProduct("Retired lamp");

        api.place(customer, key, orderJson(line(lamp, 1), line(UUID.randomUUID(), 1), line(retired, 1)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("UNKNOWN_PRODUCT"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains("items[1].product_id", "items[2].product_id")));

        assertNothingLeft();
    }

    @Test
    void productsDownIs503WithRetryAfterAndTheSameKeyWorksOnceItIsBack() throws Exception {
        ProductsProxy.failAll(Fault.NO_ANSWER);

        api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"));
        assertNothingLeft();

        ProductsProxy.reset();
        api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
    }

    @Test
    void anAnswerLostAfterProductsReservedIs503AndTheReservationIsReleased() throws Exception {
        ProductsProxy.fail(ProductsProxy.reserve(), Fault.ANSWER_TOO_LATE);

        api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"));
        String lost = reservedIds().getFirst();
        assertNothingLeft();
        assertThat(ProductsService.reservationStatus(lost)).isEqualTo("RELEASED");

        // The claim went with the failure, so the retry is a new attempt: a new order id, and its reservation.
        ProductsProxy.reset();
        String orderId = OrdersApi.body(
                        api.place(customer, key, orderJson(line(lamp, 2))).andExpect(status().isCreated()))
                .path("order_id")
                .asText();
        assertThat(orderId).isNotEqualTo(lost);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
        assertThat(ProductsService.reservationStatus(orderId)).isEqualTo("CONFIRMED");
        assertThat(ProductsService.reservationStatus(lost)).isEqualTo("RELEASED");
    }

    @Test
    void whenTheOrderCannotBeWrittenTheReservedStockIsReleased() throws Exception {
        dynamoDbFaults.failNext(DynamoDbFaults.placedOrderWrite());

        api.place(customer, key, orderJson(line(lamp, 2), line(notebook, 1)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));

        assertNothingLeft();
        assertThat(ProductsService.reservationStatus(reservedIds().getFirst())).isEqualTo("RELEASED");
    }

    @Test
    void whenTheReservationCannotBeConfirmedTheOrderIsUndoneAndTheSameKeyWorksLater() throws Exception {
        ProductsProxy.fail(ProductsProxy.confirm(), Fault.UNAVAILABLE);

        api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));
        assertNothingLeft();

        ProductsProxy.reset();
        api.place(customer, key, orderJson(line(lamp, 1))).andExpect(status().isCreated());
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);
    }

    @Test
    void aConfirmationMadeButUnansweredWithTheReleaseDownKeepsTheOrderForTheRetry() throws Exception {
        // Products confirms but answers too late, then refuses the release.
        ProductsProxy.fail(ProductsProxy.confirm(), Fault.ANSWER_TOO_LATE);
        ProductsProxy.fail(ProductsProxy.release(), Fault.UNAVAILABLE);

        api.place(customer, key, orderJson(line(lamp, 1))).andExpect(status().isServiceUnavailable());

        // Deleted, the order would leave its confirmed unit held by nothing: it stays, PENDING.
        assertThat(ProductsService.reservationStatus(reservedIds().getFirst())).isEqualTo("CONFIRMED");
        assertThat(orders.listByCustomer(customer, null, 10, null).orders())
                .singleElement()
                .satisfies(order -> assertThat(order.orderStatus()).isEqualTo(OrderStatus.PENDING));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);

        ProductsProxy.reset();
        api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);
    }

    @Test
    void aRequestWhileTheFirstIsStillPlacingTheOrderIs409() throws Exception {
        assertThat(keys.claim(claim(Instant.now()), Instant.now())).isTrue();

        api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("REQUEST_IN_PROGRESS"));
        assertThat(ProductsProxy.calls()).isEmpty();
    }

    @Test
    void anAttemptThatCrashedIsTakenOverOnceItsClaimIsStale() throws Exception {
        IdempotencyRecord crashed =
                claim(Instant.now().minus(OrderPlacement.STALE_CLAIM).minusSeconds(1));
        assertThat(keys.claim(crashed, Instant.now())).isTrue();

        api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.order_id").value(crashed.orderId()));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(4);
    }

    /** The claim an attempt with this customer, key and body would have written. */
    private IdempotencyRecord claim(Instant claimedAt) throws Exception {
        OrderCreate request = json.readValue(orderJson(line(lamp, 1)), OrderCreate.class);
        return IdempotencyRecord.claim(
                customer,
                key,
                OrderIds.newOrderId().toString(),
                PlacementRequest.of(request).hash(),
                UUID.randomUUID().toString(),
                claimedAt,
                IdempotencyKeys.expiryOf(claimedAt));
    }

    /** The reservation ids products was asked for, in order. */
    private static List<String> reservedIds() {
        return ProductsProxy.calls().stream()
                .filter(ProductsProxy.reserve())
                .map(call -> call.path().substring("/products/stock-reservations/".length()))
                .toList();
    }

    /** No order, no record of the key, and every product's stock as it was made. */
    private void assertNothingLeft() {
        assertThat(keys.find(customer, key, Instant.now())).isEmpty();
        assertThat(orders.listByCustomer(customer, null, 10, null).orders()).isEmpty();
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
        assertThat(ProductsService.stockOf(notebook)).isEqualTo(10);
    }
}
