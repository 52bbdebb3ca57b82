package serverlessshop.products.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

/** With its database unreachable the service still starts, and answers 503 with Retry-After. */
@SpringBootTest(
        properties = {
            // Nothing listens on the discard port: connections are refused at once.
            "spring.datasource.url=jdbc:mysql://127.0.0.1:9/products",
            "spring.flyway.enabled=false"
        })
@AutoConfigureMockMvc
class DatabaseUnavailableTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DSLContext dsl;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestIssuer.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void readsAnswer503WithRetryAfterAsProblemJson() throws Exception {
        mvc.perform(get("/products"))
                .andExpect(ContractValidator.forContract("products").conforms())
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
                .andExpect(jsonPath("$.detail").value("The catalog is unavailable for a moment. Try again shortly."))
                .andExpect(jsonPath("$.instance").value("/products"));
    }

    @Test
    void jooqSpeaksTheDialectOfTheConfiguredUrlWithoutAConnection() {
        // Read from a connection, it would be DEFAULT here: the database refused every connection.
        assertThat(dsl.dialect()).isEqualTo(SQLDialect.MYSQL);
    }
}
