package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Bad input the orders fuzzing ({@link BadInputFuzzTest}) and the contract validator over the gateway
 * suites found answered with a 5xx, a 2xx or an undeclared status, pinned down.
 */
class BadInputRegressionTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("orders");
    private static final String HISTORY = "/customers/" + TestCaller.CUSTOMER.subject() + "/orders";

    @Test
    void aNullOrderItemIsA400NamingItNotA500() {
        // It passed bean validation and reached the saga, which dereferenced it.
        String body = "{\"items\":[{\"product_id\":\"" + UUID.randomUUID() + "\",\"quantity\":1},null],"
                + "\"shipping_address\":" + TestOrders.ADDRESS + "}";
        var event = TestCaller.CUSTOMER.event(OrdersFunction.request(
                "POST /orders",
                "/orders",
                Map.of(),
                "",
                Map.of("idempotency-key", UUID.randomUUID().toString()),
                body));

        HttpApiResponse response = OrdersFunction.invoke(event);

        CONTRACT.assertConforms("POST", "/orders", response.toSimpleResponse());
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(400);
        assertThat(response.bodyJson().path("errors").findValuesAsText("field")).contains("items[1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limit=%D9%A1",
                "limit=%2B5",
                "limit=0x10",
                "limit=05",
                "limit=",
                "limit",
                "cursor=",
                "status=",
                "status=%20CONFIRMED",
                "status=CONFIRMED&status=CONFIRMED",
                "limit=5&limit=5"
            })
    void aQueryParameterInAnyOtherFormThanTheContractsIsA400NamingIt(String query) {
        // An Arabic-Indic digit was read as 1, an empty limit as the default, a repeated status as one
        HttpApiResponse response = listOrders(query, "application/json");

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(400);
        assertThat(response.bodyJson().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.bodyJson().path("errors").findValuesAsText("field"))
                .contains(query.substring(0, query.contains("=") ? query.indexOf('=') : query.length()));
    }

    @Test
    void theContractsFormIsServed() {
        HttpApiResponse response = listOrders("limit=5&status=CONFIRMED", "application/json");

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void anAcceptWithoutJsonIsA406Problem() {
        HttpApiResponse response = listOrders("", "text/html");

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(406);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.bodyJson().path("code").asText()).isEqualTo("NOT_ACCEPTABLE");
    }

    private static HttpApiResponse listOrders(String query, String accept) {
        HttpApiEvent event = TestCaller.CUSTOMER.event(HttpApiEvent.request("GET /customers/{customer_id}/orders")
                .path(HISTORY)
                .pathParameters(Map.of("customer_id", TestCaller.CUSTOMER.subject()))
                .query(query)
                .header("accept", accept)
                .build());
        HttpApiResponse response = OrdersFunction.invoke(event);
        CONTRACT.assertConforms("GET", HISTORY, response.toSimpleResponse());
        return response;
    }
}
