package serverlessshop.products.config;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.products.testing.WholeProductsService;

/** Swagger UI at /docs shows the contract file itself, not a description generated from the code. */
@WholeProductsService
class ContractDocsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theContractIsServedAsWritten() throws Exception {
        mvc.perform(get("/openapi/products.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("title: serverless-shop Products API")))
                .andExpect(content().string(containsString("operationId: reserveStock")));
    }

    @Test
    void swaggerUiPointsAtTheContract() throws Exception {
        mvc.perform(get("/docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("url: \"/openapi/products.yaml\"")));
        mvc.perform(get("/webjars/swagger-ui/swagger-ui-bundle.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("SwaggerUIBundle")));
    }
}
