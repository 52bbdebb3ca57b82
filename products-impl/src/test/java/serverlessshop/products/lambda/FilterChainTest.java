package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * The servlet filters of the products function as the Lambda container runs them (in the order they
 * were registered with its servlet context): service-support's FilterOrder (the origin guard is off
 * unless configured), products' own stock-route guard, then Spring Boot's and Spring Security's.
 */
@ExtendWith(TestDatabase.class)
class FilterChainTest {

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void theFunctionsFiltersRunInTheDocumentedOrder() {
        var servletContext = SpringBootLambdaContainerHandler.getInstance().getServletContext();

        assertThat(servletContext.getFilterRegistrations().keySet())
                .containsExactly(
                        "requestLogFilter",
                        "malformedHeadersFilter",
                        "characterEncodingFilter",
                        "requestBodyLimitFilter",
                        "directInvocationOnlyFilter",
                        "formContentFilter",
                        "requestContextFilter",
                        "springSecurityFilterChain");
    }

    /** The request log runs first: a request the header checks refuse still has its line and its id. */
    @Test
    void aRequestRefusedForItsHeadersStillCarriesItsCorrelationId() {
        HttpApiResponse response = ProductsFunction.invoke(HttpApiEvent.fixture("list-products")
                .withHeader("accept", "application/json;q=abc")
                .withHeader("x-correlation-id", "filter-chain-test"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("x-correlation-id")).isEqualTo("filter-chain-test");
    }
}
