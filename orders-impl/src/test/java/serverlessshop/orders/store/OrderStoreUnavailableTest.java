package serverlessshop.orders.store;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.testing.DynamoDbFaults;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;

/**
 * DynamoDB unreachable: 503 with Retry-After, the same problem the products service answers when its
 * database is away (both say it with service-support's DatastoreUnavailable).
 */
@WholeOrdersService
class OrderStoreUnavailableTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DynamoDbFaults dynamoDbFaults;

    @AfterEach
    void reconnect() {
        dynamoDbFaults.reset();
    }

    @Test
    void aReadWhileDynamoDbIsUnreachableIs503WithRetryAfterAsProblemJson() throws Exception {
        String customer = TestOrders.newCustomer();
        dynamoDbFaults.failNext(request -> true);

        new OrdersApi(mvc)
                .read(UUID.randomUUID().toString(), OrdersApi.customer(customer))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
                .andExpect(
                        jsonPath("$.detail").value("The order store is unavailable for a moment. Try again shortly."));
    }
}
