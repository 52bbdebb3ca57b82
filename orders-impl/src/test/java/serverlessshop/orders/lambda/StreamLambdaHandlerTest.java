package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.OrderTableSchema;
import serverlessshop.orders.store.PendingJob;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.orders.testing.DynamoDbLocal;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Real API Gateway HTTP API events (payload format 2.0, fixtures under {@code events/}) pushed
 * through the orders function's handlers as the Lambda runtime does, on DynamoDB Local and the
 * real products service. The claims are those API Gateway's JWT authorizer forwards for a Cognito
 * access token: every value a string, times too ({@code "exp": "1758453600"}), groups as
 * {@code "[admin]"}. Every answer is checked against the contract.
 */
class StreamLambdaHandlerTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("orders");

    private static StreamLambdaHandler function;
    private static UUID lamp;

    @BeforeAll
    static void startFunction() {
        OrdersTestEnvironment.start();
        function = LambdaFunctions.withSystemProperties(OrdersTestEnvironment.properties(), StreamLambdaHandler::new);
        OrdersTestEnvironment.awaitReady();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 20);
    }

    @Test
    void aCustomerPlacesAnOrderWithTheGatewaysClaimsAloneAndARetryReplaysIt() {
        HttpApiEvent event = placing(TestOrders.newCustomer(), UUID.randomUUID().toString());
        assertThat(event.hasHeader("Authorization"))
                .as("no token, only the authorizer's claims")
                .isFalse();

        HttpApiResponse placed = send(event);
        HttpApiResponse replayed = send(event);

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.bodyJson();
        assertThat(placed.header("location"))
                .isEqualTo("/orders/" + order.path("order_id").asText());
        assertThat(placed.header("etag")).isEqualTo("\"1\"");
        assertThat(order.path("items").get(0).path("product_name").asText()).isEqualTo("Desk lamp");
        assertThat(order.path("total_amount").decimalValue()).isEqualByComparingTo("79.80");
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replayed.bodyJson()).isEqualTo(order);
    }

    @Test
    void theCustomerReadsTheOrderAndNobodyElseDoes() {
        String customer = TestOrders.newCustomer();
        String orderId = send(placing(customer, UUID.randomUUID().toString()))
                .bodyJson()
                .path("order_id")
                .asText();
        HttpApiEvent read =
                HttpApiEvent.fixture("get-order-customer").at("/orders/" + orderId, Map.of("order_id", orderId));

        HttpApiResponse mine = send(read.withClaim("sub", customer));
        HttpApiResponse theirs = send(read.withClaim("sub", TestOrders.newCustomer()));

        assertThat(mine.statusCode()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.bodyJson().path("order_id").asText()).isEqualTo(orderId);
        assertProblem(theirs, 404, "NOT_FOUND");
    }

    @Test
    void theQueryStringPagesTheCustomersOrders() {
        String customer = TestOrders.newCustomer();
        send(placing(customer, UUID.randomUUID().toString()));
        send(placing(customer, UUID.randomUUID().toString()));
        HttpApiEvent list = HttpApiEvent.fixture("list-orders-customer-limit-1")
                .at("/customers/" + customer + "/orders", Map.of("customer_id", customer));

        HttpApiResponse page = send(list.withClaim("sub", customer));
        HttpApiResponse otherCustomers = send(list.withClaim("sub", TestOrders.newCustomer()));

        assertThat(page.statusCode()).as(page.toString()).isEqualTo(200);
        assertThat(page.bodyJson().path("items")).hasSize(1);
        assertThat(page.bodyJson().path("next_cursor").asText()).isNotBlank();
        assertProblem(otherCustomers, 403, "FORBIDDEN");
    }

    @Test
    void anAdministratorsGroupClaimConfirmsAnOrderAtTheVersionItSaw() {
        String orderId = send(placing(
                        TestOrders.newCustomer(), UUID.randomUUID().toString()))
                .bodyJson()
                .path("order_id")
                .asText();
        HttpApiEvent confirm =
                HttpApiEvent.fixture("update-order-admin").at("/orders/" + orderId, Map.of("order_id", orderId));

        HttpApiResponse confirmed = send(confirm);
        HttpApiResponse again = send(confirm);

        assertThat(confirmed.statusCode()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.header("etag")).isEqualTo("\"2\"");
        assertThat(confirmed.bodyJson().path("order_status").asText()).isEqualTo("CONFIRMED");
        assertProblem(again, 412, "PRECONDITION_FAILED");
    }

    @Test
    void aBodyOverTheLimitIs413NamingItWhateverItsDeclaredLength() {
        String body = TestOrders.orderJson(TestOrders.line(lamp, 1));
        String oversized = body.substring(0, body.length() - 1) + " ".repeat(64 * 1024) + "}";
        HttpApiEvent event =
                placing(TestOrders.newCustomer(), UUID.randomUUID().toString()).withBody(oversized);

        HttpApiResponse declared = send(event);
        HttpApiResponse understated = send(event.withHeader("content-length", "100"));

        for (HttpApiResponse response : new HttpApiResponse[] {declared, understated}) {
            assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
            assertThat(response.bodyJson().path("detail").asText()).contains("65536 bytes");
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsReadWhole() {
        String body = TestOrders.orderJson(TestOrders.line(lamp, 1));
        String padded = body.substring(0, body.length() - 1) + " ".repeat(60 * 1024) + "}";
        HttpApiResponse placed = send(
                placing(TestOrders.newCustomer(), UUID.randomUUID().toString()).withBody(padded));

        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.bodyJson().path("items").get(0).path("quantity").asInt())
                .isEqualTo(1);
    }

    @Test
    void withoutClaimsOrTokenTheAnswerIs401() {
        HttpApiResponse response = send(HttpApiEvent.fixture("create-order-without-credentials"));

        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    void thePendingReleasesFunctionReturnsTheStockOfCancelledOrders() {
        StoredOrder cancelled =
                TestOrders.placed(TestOrders.newCustomer(), OrderStatus.CANCELLED, Instant.now()).toBuilder()
                        .stockReleasePending(true)
                        .build();
        Map<String, AttributeValue> key = Map.of(
                "order_id",
                AttributeValue.fromS(cancelled.orderId()),
                "customer_id",
                AttributeValue.fromS(cancelled.customerId()));
        try (DynamoDbClient dynamoDb = DynamoDbLocal.client()) {
            // As a cancel writes it: marked for the job in the same write (PendingJob).
            Map<String, AttributeValue> item = new HashMap<>(OrderTableSchema.SCHEMA.itemToMap(cancelled, true));
            item.put(OrderTableSchema.PENDING_JOB, AttributeValue.fromS(PendingJob.STOCK_RELEASE.value()));
            item.put(OrderTableSchema.PENDING_SINCE, OrderTableSchema.timestamp(cancelled.updatedAt()));
            dynamoDb.putItem(put -> put.tableName(DynamoDbLocal.TABLE).item(item));
            PendingReleasesHandler job = LambdaFunctions.withSystemProperties(
                    OrdersTestEnvironment.properties(), PendingReleasesHandler::new);

            var context = InvocationContext.of("orders-pending-releases");
            ProductsProxy.reset();

            Map<String, Object> answer = job.handleRequest(Map.of(), context);

            assertThat((Integer) answer.get("stock_released")).isPositive();
            assertThat(answer.get("still_pending")).isEqualTo(0);
            assertThat(ProductsService.reservationStatus(cancelled.reservationId()))
                    .isEqualTo("RELEASED");
            assertThat(ProductsProxy.calls())
                    .as("the job's calls to products carry its Lambda request id")
                    .filteredOn(call -> call.path().contains(cancelled.reservationId()))
                    .isNotEmpty()
                    .allSatisfy(call -> assertThat(call.correlationId()).isEqualTo(context.getAwsRequestId()));
            assertThat(dynamoDb.getItem(get ->
                                    get.tableName(DynamoDbLocal.TABLE).key(key).consistentRead(true))
                            .item())
                    .doesNotContainKeys("stock_release_pending", OrderTableSchema.PENDING_JOB);
        }
    }

    private static HttpApiEvent placing(String customer, String idempotencyKey) {
        return HttpApiEvent.fixture("create-order-customer")
                .withClaim("sub", customer)
                .withHeader("Idempotency-Key", idempotencyKey)
                .withBody(TestOrders.orderJson(TestOrders.line(lamp, 2)));
    }

    /** Sends the event and checks the answer against the contract's operation for its method and path. */
    private static HttpApiResponse send(HttpApiEvent event) {
        // As API Gateway passes it on: a real token behind the event's claims, which the function verifies.
        HttpApiResponse response = LambdaFunctions.invoke(function, TestIssuer.signed(event), "orders");
        assertThat(response.hasBase64Flag())
                .as("payload 2.0 responses say whether the body is base64")
                .isTrue();
        assertThat(response.isBase64Encoded()).isFalse();
        CONTRACT.assertConforms(event.method(), event.rawPath(), response.toSimpleResponse());
        return response;
    }

    private static void assertProblem(HttpApiResponse response, int status, String code) {
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.bodyJson().path("code").asText()).isEqualTo(code);
    }
}
