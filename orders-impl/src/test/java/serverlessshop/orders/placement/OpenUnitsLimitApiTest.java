package serverlessshop.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.store.IdempotencyKeys;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;

/**
 * The units of one product a customer may hold in open orders (OWASP API4/API6), counted in
 * DynamoDB Local with the orders, against the real products service, with a low limit.
 */
@WholeOrdersService
@TestPropertySource(properties = "shop.orders.max-open-units-per-product=6")
class OpenUnitsLimitApiTest {

    private static final int LIMIT = 6;

    @Autowired
    MockMvc mvc;

    @Autowired
    IdempotencyKeys keys;

    OrdersApi api;
    String customer;
    UUID lamp;
    UUID notebook;

    @BeforeEach
    void setUp() {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 100);
        notebook = ProductsService.createProduct("Notebook", "4.50", 100);
    }

    @Test
    void theOrderOverTheLimitIs409NamingTheProductAndReservesNothing() throws Exception {
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 4), line(notebook, 1)))
                .andExpect(status().isCreated());
        String key = UUID.randomUUID().toString();

        api.place(customer, key, orderJson(line(lamp, 3), line(notebook, 1)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("OPEN_UNITS_LIMIT"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("The product " + lamp + " ")))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString(notebook.toString()))))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("6 units")));

        assertThat(ProductsService.stockOf(lamp))
                .as("the refused order reserved nothing")
                .isEqualTo(96);
        assertThat(ProductsService.stockOf(notebook)).isEqualTo(99);
        assertThat(keys.find(customer, key, Instant.now()))
                .as("the refused order left no claim behind")
                .isEmpty();
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 2), line(notebook, 5)))
                .andExpect(status().isCreated());
    }

    @Test
    void oneOrderOverTheLimitAloneIsRefused() throws Exception {
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, LIMIT + 1)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("OPEN_UNITS_LIMIT"));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(100);
    }

    @Test
    void shippedAndCancelledOrdersNoLongerCount() throws Exception {
        String shipped = placeLamps(LIMIT / 2);
        String cancelled = placeLamps(LIMIT / 2);
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                .andExpect(status().isConflict());

        api.move(cancelled, "CANCELLED", OrdersApi.customer(customer)).andExpect(status().isOk());
        api.move(shipped, "CONFIRMED", OrdersApi.admin()).andExpect(status().isOk());
        api.move(shipped, "SHIPPED", OrdersApi.admin()).andExpect(status().isOk());

        placeLamps(LIMIT);
    }

    @Test
    void replaysOfAPlacedOrderAreNotRefusedByItsOwnUnits() throws Exception {
        String key = UUID.randomUUID().toString();
        api.place(customer, key, orderJson(line(lamp, LIMIT))).andExpect(status().isCreated());
        api.place(customer, key, orderJson(line(lamp, LIMIT))).andExpect(status().isCreated());
    }

    @Test
    void eachCustomerHasTheirOwnLimit() throws Exception {
        placeLamps(LIMIT);
        api.place(TestOrders.newCustomer(), UUID.randomUUID().toString(), orderJson(line(lamp, LIMIT)))
                .andExpect(status().isCreated());
    }

    /**
     * Orders racing for the last units: each one passes the check before any is written, and only
     * the transaction that writes the order with its units decides. Exactly as many orders as the
     * limit allows are placed, and the others hold no stock.
     */
    @Test
    void theLimitHoldsUnderConcurrentOrders() throws Exception {
        int attempts = 8;
        List<Callable<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            orders.add(() -> api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 2)))
                    .andReturn()
                    .getResponse()
                    .getStatus());
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            for (Future<Integer> answer : pool.invokeAll(orders)) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(code -> code == 201)).hasSize(LIMIT / 2);
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(100 - LIMIT);
    }

    private String placeLamps(int quantity) throws Exception {
        return OrdersApi.body(api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, quantity)))
                        .andExpect(status().isCreated()))
                .get("order_id")
                .asText();
    }
}
