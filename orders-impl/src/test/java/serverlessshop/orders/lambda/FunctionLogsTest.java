package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import serverlessshop.support.testing.logs.SensitiveLogScanner;

/**
 * What the orders function logs while it places orders as a customer's bearer token asks, through
 * the Lambda handler: JSON lines that carry the invocation's Lambda request id and correlation id,
 * the same correlation id in the products service's lines, and no token, secret or address anywhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class FunctionLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SensitiveLogScanner SCANNER =
            SensitiveLogScanner.standard().withAddresses("123 Serverless Way");

    private static StreamLambdaHandler function;
    private static java.util.UUID lamp;

    @BeforeAll
    static void startFunction() {
        OrdersTestEnvironment.start();
        function = LambdaFunctions.withSystemProperties(OrdersTestEnvironment.properties(), StreamLambdaHandler::new);
        OrdersTestEnvironment.awaitReady();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 20);
        // The first reservation of a new products JVM can outlast orders' read timeout on a busy
        // machine: one order first, so that each test's order meets a warm products.
        send(placingWithToken(TestOrders.newCustomer()));
    }

    @AfterEach
    void healProducts() {
        ProductsProxy.reset();
    }

    @Test
    void everyLineOfAnInvocationCarriesItsIdsAndTheCorrelationIdReachesProducts(CapturedOutput output)
            throws IOException {
        String correlationId = "checkout-" + UUID.randomUUID();
        int before = output.getOut().length(); // the function's start may have been captured too

        HttpApiResponse placed =
                send(placingWithToken(TestOrders.newCustomer()).withHeader("x-correlation-id", correlationId));

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.header("x-correlation-id")).isEqualTo(correlationId);
        List<JsonNode> lines = jsonLines(output.getOut().substring(before));
        assertThat(lines).as("the function logs JSON lines").isNotEmpty();
        // ECS nests the logger's name: {"log":{"logger":...}}. The service's lines (the request line at least).
        List<JsonNode> invocation = lines.stream()
                .filter(line ->
                        line.path("log").path("logger").asText().matches("(serverlessshop|com\\.amazonaws)\\..*"))
                .toList();
        assertThat(invocation).as("the request line at least").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("correlation_id").asText()).isEqualTo(correlationId);
            assertThat(line.path("aws_request_id").asText()).isNotBlank();
        });
        assertThat(ProductsProxy.calls())
                .as("every call to products")
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.correlationId()).isEqualTo(correlationId));
        assertThat(Files.readString(ProductsService.logFile(), StandardCharsets.UTF_8))
                .as("products logs its side of the order under the same id")
                .contains("\"correlation_id\":\"" + correlationId + "\"");
    }

    /**
     * With active tracing, Lambda hands each invocation its X-Ray trace header, which the Java runtime
     * puts in the system property com.amazonaws.xray.traceHeader: here the test sets it as the runtime
     * would, around one invocation.
     */
    @Test
    void aSampledInvocationsLinesCarryItsTraceIdAndItsCallsToProductsCarryItsTraceHeader(CapturedOutput output) {
        String root = "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String header = "Root=" + root + ";Parent=53995c3f42cd8ad8;Sampled=1";
        int before = output.getOut().length();

        String correlationId = "traced-" + UUID.randomUUID();
        HttpApiResponse placed = duringInvocationTraced(
                header,
                () -> send(placingWithToken(TestOrders.newCustomer()).withHeader("x-correlation-id", correlationId)));

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        assertThat(serviceLines(output.getOut().substring(before)))
                .as("the request line at least")
                .isNotEmpty()
                .allSatisfy(line -> {
                    // ECS nests dotted names: trace.id is {"trace":{"id":...}}.
                    assertThat(line.path("trace").path("id").asText())
                            .as(line.toString())
                            .isEqualTo(root);
                    assertThat(line.path("correlation_id").asText()).isNotBlank();
                    assertThat(line.path("aws_request_id").asText()).isNotBlank();
                });
        assertThat(callsOf(correlationId))
                .as("reserve and confirm")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(call -> assertThat(call.traceHeader()).isEqualTo(header));
        assertThat(org.slf4j.MDC.get("trace.id"))
                .as("nothing is left for the next invocation")
                .isNull();
    }

    /** X-Ray records no unsampled trace: no line points to one, but products still gets the decision. */
    @Test
    void anUnsampledInvocationLogsNoTraceIdAndPassesTheDecisionOn(CapturedOutput output) {
        String header = "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0";
        int before = output.getOut().length();

        String correlationId = "untraced-" + UUID.randomUUID();
        HttpApiResponse placed = duringInvocationTraced(
                header,
                () -> send(placingWithToken(TestOrders.newCustomer()).withHeader("x-correlation-id", correlationId)));

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        assertThat(serviceLines(output.getOut().substring(before)))
                .isNotEmpty()
                .allSatisfy(line ->
                        assertThat(line.has("trace")).as(line.toString()).isFalse());
        assertThat(callsOf(correlationId))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.traceHeader()).isEqualTo(header));
    }

    @Test
    void withoutTheHeaderTheIdIsApiGatewaysRequestIdAndTheMdcIsClearedAfterwards(CapturedOutput output) {
        HttpApiEvent event = placingWithToken(TestOrders.newCustomer());
        String gatewayRequestId = "Yc9xZrT4DoEEKEJ=";

        HttpApiResponse placed = send(event);

        assertThat(placed.header("x-correlation-id")).isEqualTo(gatewayRequestId);
        assertThat(org.slf4j.MDC.getCopyOfContextMap())
                .as("nothing is left for the next invocation")
                .satisfiesAnyOf(
                        map -> assertThat(map).isNull(), map -> assertThat(map).isEmpty());
    }

    /** The happy path and the paths that log most: products down, a bad token, a body with an unknown field. */
    @Test
    void noTokenSecretOrAddressIsLoggedOnAnyPath(CapturedOutput output) throws IOException {
        String customer = TestOrders.newCustomer();
        send(placingWithToken(customer));
        ProductsProxy.failAll(ProductsProxy.Fault.UNAVAILABLE);
        HttpApiResponse unavailable = send(placingWithToken(customer));
        ProductsProxy.reset();
        HttpApiResponse badToken = send(placingWithToken(customer)
                .withHeader("Authorization", "Bearer " + TestIssuer.tamperedSignature(customer)));
        HttpApiResponse unknownField = send(placingWithToken(customer).withBodyField("password", "hunter2-x"));

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        SCANNER.assertClean(output.getAll());
        SCANNER.assertClean(ProductsService.logFile());
    }

    private static HttpApiEvent placingWithToken(String customer) {
        return HttpApiEvent.fixture("create-order-without-credentials")
                .withHeader("Authorization", "Bearer " + TestIssuer.customer(customer))
                .withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .withBody(TestOrders.orderJson(TestOrders.line(lamp, 1)));
    }

    private static HttpApiResponse duringInvocationTraced(
            String header, java.util.function.Supplier<HttpApiResponse> invocation) {
        System.setProperty("com.amazonaws.xray.traceHeader", header);
        try {
            return invocation.get();
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }
    }

    /** The calls to products made for one request (other tests of this JVM use the proxy too). */
    private static List<ProductsProxy.Call> callsOf(String correlationId) {
        return ProductsProxy.calls().stream()
                .filter(call -> correlationId.equals(call.correlationId()))
                .toList();
    }

    /** The service's own lines (ECS nests the logger's name: {"log":{"logger":...}}), not the libraries'. */
    private static List<JsonNode> serviceLines(String output) {
        return jsonLines(output).stream()
                .filter(line -> line.path("log").path("logger").asText().startsWith("serverlessshop."))
                .toList();
    }

    private static HttpApiResponse send(HttpApiEvent event) {
        return LambdaFunctions.invoke(function, event, "orders");
    }

    private static List<JsonNode> jsonLines(String output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    // not a log line
                }
            }
        }
        return lines;
    }
}
