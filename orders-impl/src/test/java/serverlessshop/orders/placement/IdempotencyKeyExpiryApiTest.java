package serverlessshop.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import serverlessshop.orders.api.model.OrderCreate;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.orders.store.IdempotencyKeys;
import serverlessshop.orders.store.IdempotencyRecord;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredLine;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.DynamoDbLocal;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import serverlessshop.products.client.model.Reservation;
import serverlessshop.support.testing.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The contract keeps an Idempotency-Key for 24 hours: within them a retry replays the order, after
 * them the key places a new order and the first one stays. The key's record carries DynamoDB's
 * time to live, but DynamoDB Local never deletes (nor does DynamoDB promptly): these tests see the
 * expired records still in the table, as the service must.
 */
@WholeOrdersService
@Import(IdempotencyKeyExpiryApiTest.Clocks.class)
class IdempotencyKeyExpiryApiTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    OrderRepository orders;

    @Autowired
    StockReservationsClient stock;

    @Autowired
    ObjectMapper json;

    @Autowired
    DynamoDbClient dynamoDb;

    OrdersApi api;
    String customer;
    String key;
    UUID lamp;

    @BeforeEach
    void setUp() {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        key = UUID.randomUUID().toString();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 10);
        ProductsProxy.reset();
    }

    @Test
    void aRetryWithinTheWindowReplaysTheOrderAndReservesNothingMore() throws Exception {
        JsonNode first = OrdersApi.body(
                api.place(customer, key, orderJson(line(lamp, 2))).andExpect(status().isCreated()));

        clock.advance(IdempotencyKeys.KEPT.minusSeconds(1));
        JsonNode replay = OrdersApi.body(api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true")));

        assertThat(replay).isEqualTo(first);
        assertThat(ProductsProxy.calls().stream().filter(ProductsProxy.reserve()))
                .hasSize(1);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(8);
        assertThat(orders.listByCustomer(customer, null, 10, null).orders()).hasSize(1);
    }

    @Test
    void afterTheWindowTheKeyPlacesANewOrderAndTheFirstStays() throws Exception {
        String first = orderId(api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andReturn());

        clock.advance(IdempotencyKeys.KEPT);
        String second = orderId(api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn());

        assertThat(second).isNotEqualTo(first);
        api.read(first, OrdersApi.customer(customer)).andExpect(status().isOk());
        assertThat(orders.listByCustomer(customer, null, 10, null).orders())
                .extracting(StoredOrder::orderId)
                .containsExactlyInAnyOrder(first, second);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(6);
        // The key now stands for the second order, for its own 24 hours.
        api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", "/orders/" + second));
    }

    @Test
    void afterTheWindowTheKeyMayCarryAnotherBody() throws Exception {
        api.place(customer, key, orderJson(line(lamp, 1))).andExpect(status().isCreated());
        api.place(customer, key, orderJson(line(lamp, 3))).andExpect(status().isUnprocessableEntity());

        clock.advance(IdempotencyKeys.KEPT);
        api.place(customer, key, orderJson(line(lamp, 3)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(6);
    }

    /**
     * An attempt that claimed the key, reserved, and died. Within the window its claim is taken over
     * (PlaceOrderApiTest); past it, the claim is as good as absent: the key places a new order, the
     * dead attempt can no longer write its own, and its reservation, never confirmed, returns its
     * stock by itself after products' time to live (minutes, not the key's hours).
     */
    @Test
    void anAbandonedClaimPastItsExpiryNeitherBlocksNorDuplicates() throws Exception {
        OrderCreate body = json.readValue(orderJson(line(lamp, 2)), OrderCreate.class);
        PlacementRequest request = PlacementRequest.of(body);
        Instant claimedAt = clock.instant();
        IdempotencyRecord abandoned = IdempotencyRecord.claim(
                customer,
                key,
                OrderIds.newOrderId().toString(),
                request.hash(),
                UUID.randomUUID().toString(),
                claimedAt,
                IdempotencyKeys.expiryOf(claimedAt));
        assertThat(keys.claim(abandoned, claimedAt)).isTrue();
        UUID abandonedReservation = OrderIds.reservationId(UUID.fromString(abandoned.orderId()), 0);
        Reservation held = stock.reserve(abandonedReservation, request.reservationItems());
        assertThat(held.getExpiresAt().toInstant())
                .as("an unconfirmed reservation goes back to stock within minutes")
                .isBefore(Instant.now().plus(Duration.ofMinutes(10)));

        clock.advance(IdempotencyKeys.KEPT.plusSeconds(1));
        assertThat(keys.find(customer, key, clock.instant())).isEmpty();
        String placed = orderId(api.place(customer, key, orderJson(line(lamp, 2)))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn());

        assertThat(placed).isNotEqualTo(abandoned.orderId());
        assertThat(orders.listByCustomer(customer, null, 10, null).orders())
                .extracting(StoredOrder::orderId)
                .containsExactly(placed);
        StoredOrder late = StoredOrder.builder()
                .orderId(abandoned.orderId())
                .customerId(customer)
                .orderDate(clock.instant())
                .orderStatus(OrderStatus.PENDING)
                .totalAmount(new BigDecimal("79.80"))
                .shippingAddress(request.address())
                .items(List.of(new StoredLine(lamp.toString(), "Desk lamp", 2, new BigDecimal("39.90"))))
                .version(1L)
                .requestHash(request.hash())
                .idempotencyKey(key)
                .reservationId(abandonedReservation.toString())
                .updatedAt(clock.instant())
                .build();
        assertThat(orders.complete(late, abandoned, 0))
                .as("the dead attempt, come back, cannot write its order")
                .isEqualTo(OrderRepository.Completion.CLAIM_LOST);
        assertThat(orders.findPlaced(abandoned.orderId(), customer)).isEmpty();
        assertThat(ProductsService.reservationStatus(abandonedReservation.toString()))
                .as("never confirmed")
                .isEqualTo("RESERVED");
    }

    @Test
    void twentyConcurrentRequestsWithAnExpiredKeyMakeOneNewOrder() throws Exception {
        String first = orderId(api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isCreated())
                .andReturn());
        clock.advance(IdempotencyKeys.KEPT);
        ProductsProxy.reset();

        String body = orderJson(line(lamp, 1));
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
                placed.add(orderId(result));
            } else {
                assertThat(OrdersApi.body(result).path("code").asText()).isEqualTo("REQUEST_IN_PROGRESS");
            }
        }
        assertThat(placed).isNotEmpty().containsOnly(placed.getFirst()).doesNotContain(first);
        assertThat(orders.listByCustomer(customer, null, 10, null).orders()).hasSize(2);
        assertThat(ProductsProxy.calls().stream().filter(ProductsProxy.reserve()))
                .hasSize(1);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(8);
    }

    @Test
    void theTableExpiresItemsByTheirExpiresAt() {
        var ttl = dynamoDb.describeTimeToLive(request -> request.tableName(DynamoDbLocal.TABLE))
                .timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo(IdempotencyKeys.EXPIRES_AT);
        assertThat(ttl.timeToLiveStatusAsString()).isIn("ENABLED", "ENABLING");
    }

    private static String orderId(MvcResult result) {
        return OrdersApi.body(result).path("order_id").asText();
    }
}
