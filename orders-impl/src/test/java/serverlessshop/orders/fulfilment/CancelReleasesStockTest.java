package serverlessshop.orders.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsProxy.Fault;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;

/** Cancelling returns the stock to products, at once or, if products is down then, as soon as it can. */
@WholeOrdersService
class CancelReleasesStockTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderRepository orders;

    @Autowired
    StockReleases releases;

    OrdersApi api;
    String customer;
    UUID lamp;
    String orderId;

    @BeforeEach
    void placeAnOrder() throws Exception {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 5);
        orderId = OrdersApi.body(api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 2)))
                        .andExpect(status().isCreated()))
                .path("order_id")
                .asText();
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);
    }

    @AfterEach
    void healProducts() {
        ProductsProxy.reset();
    }

    @Test
    void theCustomerCancelsAndTheStockIsBack() throws Exception {
        api.move(orderId, "CANCELLED", OrdersApi.customer(customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order_status").value("CANCELLED"));

        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
        assertThat(ProductsService.reservationStatus(orderId)).isEqualTo("RELEASED");
        assertThat(stored().isStockReleasePending()).isFalse();
    }

    @Test
    void anAdministratorCancelsAConfirmedOrderAndTheStockIsBack() throws Exception {
        api.move(orderId, "CONFIRMED", OrdersApi.admin()).andExpect(status().isOk());
        api.move(orderId, "CANCELLED", OrdersApi.admin()).andExpect(status().isOk());

        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
    }

    @Test
    void withProductsDownTheOrderIsCancelledAndItsStockComesBackOnTheNextRead() throws Exception {
        ProductsProxy.failAll(Fault.NO_ANSWER);

        api.move(orderId, "CANCELLED", OrdersApi.customer(customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order_status").value("CANCELLED"));
        assertThat(stored().isStockReleasePending()).isTrue();
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(3);

        ProductsProxy.reset();
        api.read(orderId, OrdersApi.customer(customer)).andExpect(status().isOk());
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
        assertThat(stored().isStockReleasePending()).isFalse();
    }

    @Test
    void withProductsDownTheScheduledJobReturnsTheStockLater() throws Exception {
        ProductsProxy.failAll(Fault.UNAVAILABLE);
        api.move(orderId, "CANCELLED", OrdersApi.admin()).andExpect(status().isOk());
        assertThat(releases.releaseAllPending().stillPending()).isPositive();

        ProductsProxy.reset();
        StockReleases.Sweep sweep = releases.releaseAllPending();

        assertThat(sweep.released()).isPositive();
        assertThat(sweep.stillPending()).isZero();
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
        assertThat(stored().isStockReleasePending()).isFalse();
    }

    @Test
    void aCancelledOrderCannotBeCancelledAgainNorItsStockReleasedTwice() throws Exception {
        api.move(orderId, "CANCELLED", OrdersApi.customer(customer)).andExpect(status().isOk());

        api.move(orderId, "CANCELLED", OrdersApi.customer(customer))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_TRANSITION"));
        assertThat(ProductsService.stockOf(lamp)).isEqualTo(5);
    }

    private StoredOrder stored() {
        return orders.find(orderId, customer).orElseThrow();
    }
}
