package serverlessshop.orders.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.DynamoDbCalls;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** Reading one order and listing a customer's orders: who may, in which order, page by page. */
@WholeOrdersService
class OrderHistoryApiTest {

    static final String ADMIN = OrdersApi.admin();

    @Autowired
    MockMvc mvc;

    @Autowired
    DynamoDbTable<StoredOrder> table;

    @Autowired
    DynamoDbCalls dynamoDb;

    @Test
    void theCustomerAndAdministratorsReadAnOrderWithItsVersionAsETag() throws Exception {
        String customer = TestOrders.newCustomer();
        StoredOrder order = seed(customer, OrderStatus.CONFIRMED, Instant.now());

        send(get("/orders/" + order.orderId()), customer)
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.order_id").value(order.orderId()))
                .andExpect(jsonPath("$.customer_id").value(customer))
                .andExpect(jsonPath("$.order_status").value("CONFIRMED"))
                .andExpect(jsonPath("$.total_amount").value(49.80))
                .andExpect(jsonPath("$.items[0].price_per_unit").value(24.90))
                .andExpect(jsonPath("$.shipping_address.zip_code").value("12345"));
        send(get("/orders/" + order.orderId()).param("customer_id", customer), customer)
                .andExpect(status().isOk());
        send(get("/orders/" + order.orderId()).header("Authorization", ADMIN), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customer_id").value(customer));
        send(get("/orders/" + order.orderId()).param("customer_id", customer).header("Authorization", ADMIN), null)
                .andExpect(status().isOk());
    }

    @Test
    void anybodyElseGetsTheSame404AsForAnOrderThatDoesNotExist() throws Exception {
        String owner = TestOrders.newCustomer();
        String other = TestOrders.newCustomer();
        StoredOrder order = seed(owner, OrderStatus.PENDING, Instant.now());

        String missing = body(send(get("/orders/" + UUID.randomUUID()), other).andExpect(status().isNotFound()))
                .path("code")
                .asText();
        send(get("/orders/" + order.orderId()), other)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value(missing));
        send(get("/orders/" + order.orderId()).param("customer_id", owner), other)
                .andExpect(status().isNotFound());
        // customer_id, when given, must be the order's: even its owner and administrators get 404 otherwise.
        send(get("/orders/" + order.orderId()).param("customer_id", other), owner)
                .andExpect(status().isNotFound());
        send(get("/orders/" + order.orderId()).param("customer_id", other).header("Authorization", ADMIN), null)
                .andExpect(status().isNotFound());
    }

    @Test
    void anOrderStillBeingPlacedIsNeitherReadNorListed() throws Exception {
        String customer = TestOrders.newCustomer();
        StoredOrder claim = TestOrders.placed(customer, OrderStatus.PENDING, Instant.now()).toBuilder()
                .orderDate(null)
                .orderStatus(null)
                .items(null)
                .totalAmount(null)
                .version(null)
                .sagaState(StoredOrder.PLACING)
                .claimedAt(Instant.now())
                .claimToken("t")
                .build();
        table.putItem(claim);

        send(get("/orders/" + claim.orderId()), customer).andExpect(status().isNotFound());
        send(get("/orders/" + claim.orderId()).header("Authorization", ADMIN), null)
                .andExpect(status().isNotFound());
        send(get("/customers/" + customer + "/orders"), customer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void listingPagesThroughEveryOrderNewestFirstWithoutRepeats() throws Exception {
        String customer = TestOrders.newCustomer();
        Instant start = Instant.parse("2026-03-01T09:00:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(seed(customer, OrderStatus.PENDING, start.plus(i, ChronoUnit.MINUTES))
                    .orderId());
        }
        seed(TestOrders.newCustomer(), OrderStatus.PENDING, start);

        List<String> pages = new ArrayList<>();
        List<String> seen = pageThrough(customer, null, 2, pages);

        assertThat(seen).isEqualTo(newestFirst);
        assertThat(pages).hasSize(3);
    }

    @Test
    void theStatusFilterKeepsPagesFullAcrossOrdersItSkips() throws Exception {
        String customer = TestOrders.newCustomer();
        Instant start = Instant.parse("2026-04-01T09:00:00Z");
        List<String> shippedNewestFirst = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            OrderStatus status = i % 3 == 0 ? OrderStatus.SHIPPED : OrderStatus.PENDING;
            StoredOrder order = seed(customer, status, start.plus(i, ChronoUnit.MINUTES));
            if (status == OrderStatus.SHIPPED) {
                shippedNewestFirst.addFirst(order.orderId());
            }
        }

        List<String> pages = new ArrayList<>();
        List<String> seen = pageThrough(customer, "SHIPPED", 2, pages);

        assertThat(seen).isEqualTo(shippedNewestFirst);
        assertThat(pages).hasSize(2);
    }

    @Test
    void listingIsAQueryOfTheCustomerIndexNeverAScan() throws Exception {
        String customer = TestOrders.newCustomer();
        for (int i = 0; i < 3; i++) {
            seed(
                    customer,
                    i == 0 ? OrderStatus.DELIVERED : OrderStatus.PENDING,
                    Instant.now().minusSeconds(i));
        }
        dynamoDb.clear();

        send(get("/customers/" + customer + "/orders").param("limit", "1"), customer)
                .andExpect(status().isOk());
        send(get("/customers/" + customer + "/orders").param("status", "DELIVERED"), customer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));

        assertThat(dynamoDb.calls()).isNotEmpty().allSatisfy(call -> {
            assertThat(call.operation()).isEqualTo("Query");
            assertThat(call.indexName()).isEqualTo("customer_id-order_date-index");
        });
    }

    @Test
    void onlyTheCustomerAndAdministratorsMayListTheOrders() throws Exception {
        String owner = TestOrders.newCustomer();
        seed(owner, OrderStatus.PENDING, Instant.now());

        send(get("/customers/" + owner + "/orders"), TestOrders.newCustomer())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        send(get("/customers/" + owner + "/orders").header("Authorization", ADMIN), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "limit,0",
        "limit,101",
        "limit,ten",
        "cursor,not*base64",
        "cursor,bm90LWpzb24",
        "cursor,eyJkIjoiIiwiaSI6IiJ9",
        "status,LOST"
    })
    void badListParametersAre400NamingTheParameter(String name, String value) throws Exception {
        String customer = TestOrders.newCustomer();
        send(get("/customers/" + customer + "/orders").param(name, value), customer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(name))
                .andExpect(jsonPath("$.errors[0].in").value("query"));
    }

    @Test
    void aBadOrderIdIs400() throws Exception {
        send(get("/orders/not-a-uuid"), TestOrders.newCustomer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("order_id"))
                .andExpect(jsonPath("$.errors[0].in").value("path"));
    }

    private List<String> pageThrough(String customer, String status, int limit, List<String> pages) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            MockHttpServletRequestBuilder request =
                    get("/customers/" + customer + "/orders").param("limit", Integer.toString(limit));
            if (status != null) {
                request.param("status", status);
            }
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = body(send(request, customer).andExpect(status().isOk()));
            page.path("items").forEach(order -> seen.add(order.path("order_id").asText()));
            pages.add(page.toString());
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
        } while (cursor != null && pages.size() < 10);
        return seen;
    }

    private StoredOrder seed(String customer, OrderStatus status, Instant orderDate) {
        return TestOrders.seed(table, customer, status, orderDate);
    }

    /** As the customer (or with the request's own Authorization), checked against the contract. */
    private ResultActions send(MockHttpServletRequestBuilder request, String customer) throws Exception {
        if (customer != null) {
            request.header("Authorization", OrdersApi.customer(customer));
        }
        return mvc.perform(request).andExpect(OrdersApi.CONTRACT.conforms());
    }

    private static JsonNode body(ResultActions result) {
        return OrdersApi.body(result);
    }
}
