package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import serverlessshop.support.testing.metrics.EmfLines;

/**
 * The dashboard's business figures as the orders function emits them through its Lambda handler, on
 * DynamoDB Local and the real products service: one valid embedded-metric line per order placed and
 * per order refused for want of stock, none for a replay, each with its request's correlation id.
 */
@ExtendWith(OutputCaptureExtension.class)
class BusinessMetricsTest {

    private static StreamLambdaHandler function;

    @BeforeAll
    static void startFunction() {
        OrdersTestEnvironment.start();
        function = LambdaFunctions.withSystemProperties(OrdersTestEnvironment.properties(), StreamLambdaHandler::new);
        OrdersTestEnvironment.awaitReady();
        // The first reservation of a new products JVM can outlast orders' read timeout on a busy
        // machine: one order first, so that each test's order meets a warm products.
        send(placing(ProductsService.createProduct("Warm-up lamp", "1", 5), 1, "warm-up-" + UUID.randomUUID()));
    }

    @Test
    void aPlacedOrderCountsOnceAndItsReplayNotAgain(CapturedOutput output) {
        UUID lamp = ProductsService.createProduct("Desk lamp", "39.90", 5);
        HttpApiEvent placing = placing(lamp, 1, "placed-" + UUID.randomUUID());
        int before = output.getOut().length();

        HttpApiResponse placed = send(placing);
        HttpApiResponse replayed = send(placing);

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        assertThat(replayed.header("idempotent-replayed"))
                .as(replayed.toString())
                .isEqualTo("true");
        List<JsonNode> counted = EmfLines.withMetric(output.getOut().substring(before), "OrdersPlaced");
        assertThat(counted).as("one line, for the order, none for its replay").hasSize(1);
        assertThat(counted.getFirst().path("OrdersPlaced").asInt()).isEqualTo(1);
        assertThat(counted.getFirst().path("FunctionName").asText()).isNotBlank();
        assertThat(counted.getFirst().path("correlation_id").asText()).isEqualTo(placed.header("x-correlation-id"));
    }

    @Test
    void anOrderRefusedForWantOfStockCountsAsASellOut(CapturedOutput output) {
        UUID lastOne = ProductsService.createProduct("Last lamp", "39.90", 1);
        int before = output.getOut().length();

        HttpApiResponse refused = send(placing(lastOne, 2, "sold-out-" + UUID.randomUUID()));

        assertThat(refused.statusCode()).as(refused.toString()).isEqualTo(409);
        String printed = output.getOut().substring(before);
        assertThat(EmfLines.withMetric(printed, "SellOuts"))
                .hasSize(1)
                .allSatisfy(line ->
                        assertThat(line.path("correlation_id").asText()).isEqualTo(refused.header("x-correlation-id")));
        assertThat(EmfLines.withMetric(printed, "OrdersPlaced")).isEmpty();
    }

    private static HttpApiEvent placing(UUID product, int quantity, String correlationId) {
        return HttpApiEvent.fixture("create-order-without-credentials")
                .withHeader("Authorization", "Bearer " + TestIssuer.customer(TestOrders.newCustomer()))
                .withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .withHeader("X-Correlation-Id", correlationId)
                .withBody(TestOrders.orderJson(TestOrders.line(product, quantity)));
    }

    private static HttpApiResponse send(HttpApiEvent event) {
        return LambdaFunctions.invoke(function, event, "orders");
    }
}
