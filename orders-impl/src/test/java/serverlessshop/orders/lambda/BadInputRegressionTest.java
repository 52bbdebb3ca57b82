package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/** Bad input the orders fuzzing ({@link BadInputFuzzTest}) found answered with a 5xx, pinned down. */
class BadInputRegressionTest {

    @Test
    void aNullOrderItemIsA400NamingItNotA500() {
        // It passed bean validation and reached the saga, which dereferenced it.
        String body = "{\"items\":[{\"product_id\":\"" + UUID.randomUUID() + "\",\"quantity\":1},null],"
                + "\"shipping_address\":" + TestOrders.ADDRESS + "}";
        var event = OrdersFunction.request("POST /orders", "/orders", Map.of(), "",
                Map.of("idempotency-key", UUID.randomUUID().toString()), body)
                .withAuthorizer(TestCaller.CUSTOMER.gatewayClaims());

        HttpApiResponse response = OrdersFunction.invoke(event);

        ContractValidator.forContract("orders").assertConforms("POST", "/orders", response.toSimpleResponse());
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(400);
        assertThat(response.bodyJson().path("errors").findValuesAsText("field")).contains("items[1]");
    }
}
