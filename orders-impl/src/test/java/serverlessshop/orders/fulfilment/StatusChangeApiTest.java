package serverlessshop.orders.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** The order state machine through PUT /orders/{id}: every move, by whom, and on which version. */
@WholeOrdersService
class StatusChangeApiTest {

    static final String ADMIN = OrdersApi.admin();

    @Autowired
    MockMvc mvc;

    @Autowired
    DynamoDbTable<StoredOrder> table;

    @Autowired
    OrderRepository orders;

    /** Every status an order can have, to every status a client can ask for: the administrator's answer and the customer's. */
    @ParameterizedTest(name = "{0} -> {1}: administrator {2}, customer {3}")
    @CsvSource({
        "PENDING,   CONFIRMED, 200, 403",
        "PENDING,   SHIPPED,   409, 403",
        "PENDING,   DELIVERED, 409, 403",
        "PENDING,   CANCELLED, 200, 200",
        "CONFIRMED, CONFIRMED, 409, 403",
        "CONFIRMED, SHIPPED,   200, 403",
        "CONFIRMED, DELIVERED, 409, 403",
        "CONFIRMED, CANCELLED, 200, 200",
        "SHIPPED,   CONFIRMED, 409, 403",
        "SHIPPED,   SHIPPED,   409, 403",
        "SHIPPED,   DELIVERED, 200, 403",
        "SHIPPED,   CANCELLED, 409, 409",
        "DELIVERED, CONFIRMED, 409, 403",
        "DELIVERED, SHIPPED,   409, 403",
        "DELIVERED, DELIVERED, 409, 403",
        "DELIVERED, CANCELLED, 409, 409",
        "CANCELLED, CONFIRMED, 409, 403",
        "CANCELLED, SHIPPED,   409, 403",
        "CANCELLED, DELIVERED, 409, 403",
        "CANCELLED, CANCELLED, 409, 409"
    })
    void everyMoveIsAllowedOrRefusedAsTheStateMachineSays(
            OrderStatus from, OrderStatus to, int byAdministrator, int byCustomer) throws Exception {
        assertMove(from, to, byAdministrator, ADMIN);
        assertMove(from, to, byCustomer, null);
    }

    @Test
    void anotherCustomerCannotChangeTheOrderAndLearnsNothing() throws Exception {
        StoredOrder order = seed(TestOrders.newCustomer(), OrderStatus.PENDING);
        String other = OrdersApi.customer(TestOrders.newCustomer());

        send(put("/orders/" + order.orderId()).header("Authorization", other), "CANCELLED")
                .andExpect(status().isNotFound());
        send(
                        put("/orders/" + order.orderId())
                                .param("customer_id", order.customerId())
                                .header("Authorization", other),
                        "CANCELLED")
                .andExpect(status().isNotFound());
        assertThat(stored(order).orderStatus()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void ifMatchAppliesTheMoveOnlyToTheVersionTheCallerSaw() throws Exception {
        StoredOrder order = seed(TestOrders.newCustomer(), OrderStatus.PENDING);

        send(put("/orders/" + order.orderId()).header("Authorization", ADMIN).header("If-Match", "\"1\""), "CONFIRMED")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""));
        send(put("/orders/" + order.orderId()).header("Authorization", ADMIN).header("If-Match", "\"1\""), "SHIPPED")
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("PRECONDITION_FAILED"));
        send(put("/orders/" + order.orderId()).header("Authorization", ADMIN).header("If-Match", "W/\"2\""), "SHIPPED")
                .andExpect(status().isPreconditionFailed());
        assertThat(stored(order).orderStatus()).isEqualTo(OrderStatus.CONFIRMED);

        send(put("/orders/" + order.orderId()).header("Authorization", ADMIN).header("If-Match", "\"2\""), "SHIPPED")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.order_status").value("SHIPPED"));
    }

    @Test
    void aMoveIsStoredAndSeenByTheNextRead() throws Exception {
        StoredOrder order = seed(TestOrders.newCustomer(), OrderStatus.CONFIRMED);

        send(put("/orders/" + order.orderId()).header("Authorization", ADMIN), "SHIPPED")
                .andExpect(status().isOk());

        mvc.perform(get("/orders/" + order.orderId()).header("Authorization", ADMIN))
                .andExpect(OrdersApi.CONTRACT.conforms())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.order_status").value("SHIPPED"));
        StoredOrder stored = stored(order);
        assertThat(stored.updatedAt()).isAfter(order.updatedAt());
        assertThat(stored.orderDate()).isEqualTo(order.orderDate());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown status        | {"order_status":"LOST"}      | order_status
            status not allowed    | {"order_status":"PENDING"}   | order_status
            status missing        | {}                           | order_status
            unknown field         | {"order_status":"SHIPPED","note":"x"} | note
            """)
    void aBadBodyIs400NamingTheField(String what, String body, String field) throws Exception {
        StoredOrder order = seed(TestOrders.newCustomer(), OrderStatus.PENDING);
        mvc.perform(put("/orders/" + order.orderId())
                        .header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(OrdersApi.CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private void assertMove(OrderStatus from, OrderStatus to, int expected, String authorization) throws Exception {
        StoredOrder order = seed(TestOrders.newCustomer(), from);
        String caller = authorization != null ? authorization : OrdersApi.customer(order.customerId());

        ResultActions result = send(put("/orders/" + order.orderId()).header("Authorization", caller), to.getValue())
                .andExpect(status().is(expected));

        StoredOrder stored = stored(order);
        if (expected == 200) {
            result.andExpect(header().string("ETag", "\"2\""))
                    .andExpect(jsonPath("$.order_status").value(to.getValue()));
            assertThat(stored.orderStatus()).isEqualTo(to);
            assertThat(stored.version()).isEqualTo(2L);
        } else {
            result.andExpect(jsonPath("$.code").value(expected == 409 ? "INVALID_TRANSITION" : "FORBIDDEN"));
            assertThat(stored.orderStatus()).isEqualTo(from);
            assertThat(stored.version()).isEqualTo(1L);
        }
    }

    private StoredOrder seed(String customer, OrderStatus status) {
        return TestOrders.seed(table, customer, status, Instant.now().minusSeconds(60));
    }

    private StoredOrder stored(StoredOrder order) {
        return orders.find(order.orderId(), order.customerId()).orElseThrow();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String status) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON)
                        .content("{\"order_status\":\"" + status + "\"}"))
                .andExpect(OrdersApi.CONTRACT.conforms());
    }
}
