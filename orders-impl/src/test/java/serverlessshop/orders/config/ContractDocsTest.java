package serverlessshop.orders.config;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.testing.WholeOrdersService;

/** Swagger UI at /docs, without a token, shows orders.yaml as written. */
@WholeOrdersService
class ContractDocsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void swaggerUiShowsTheOrdersContract() throws Exception {
        mvc.perform(get("/docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("url: \"/openapi/orders.yaml\"")));
        mvc.perform(get("/openapi/orders.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("operationId: listCustomerOrders")));
        mvc.perform(get("/webjars/swagger-ui/swagger-ui-bundle.js")).andExpect(status().isOk());
    }
}
