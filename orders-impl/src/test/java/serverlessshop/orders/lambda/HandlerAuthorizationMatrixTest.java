package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.AuthorizationTable;
import serverlessshop.support.testing.ContractOperations;
import serverlessshop.support.testing.ContractOperations.Access;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Every operation of orders.yaml x every kind of caller, at the real Lambda handler: each caller's
 * token in the {@code Authorization} header with the authorizer claims that go with it, including the
 * tokens API Gateway would refuse and events with forged claims, since anyone allowed to invoke the
 * function can send those directly; the function verifies the token itself, so every cell is sent.
 * The contract's security (the scope {@code shop/orders}) says who gets past 401/403; its ownership rules say the rest: an order is its customer's
 * and the administrators' (anybody else: 404, so its existence does not leak), a history is its
 * customer's and the administrators' (anybody else: 403), only administrators move an order forward
 * and its customer may cancel it. Every cell acts on an order of customer A made for it alone, and
 * after every refused cell the order must be exactly as it was (BOLA: nobody reads or changes what is
 * not theirs).
 */
class HandlerAuthorizationMatrixTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("orders");
    private static final String OWNER = TestCaller.CUSTOMER.subject();
    private static final String ADMIN_TOKEN = TestIssuer.admin("matrix-admin");
    private static UUID product;

    @BeforeAll
    static void startFunction() {
        OrdersFunction.handler();
        product = ProductsService.createProduct("Matrix lamp", "12.50", 100_000);
    }

    /** A row: an operation of the contract in one situation, and who owns what it acts on. */
    private record Row(String name, String operationId, String ownerRule) {}

    @Test
    void everyCallerGetsWhatTheContractAllowsAndNoMore() {
        AuthorizationTable table = new AuthorizationTable("orders: authorization at the Lambda handler");
        Map<String, Access> access = new java.util.HashMap<>();
        ContractOperations.examples("orders").forEach(example -> access.put(example.operationId(), example.access()));
        Row[] rows = {
            new Row("createOrder", "createOrder", "any"),
            new Row("getOrder (A's)", "getOrder", "owner-or-admin:404"),
            new Row("getOrder (A's) ?customer_id=A", "getOrder", "owner-or-admin:404"),
            new Row("updateOrderStatus CONFIRMED (A's)", "updateOrderStatus", "admin;owner:403;other:404"),
            new Row("updateOrderStatus CANCELLED (A's)", "updateOrderStatus", "owner-or-admin:404"),
            new Row("listCustomerOrders (A's)", "listCustomerOrders", "owner-or-admin:403"),
        };
        assertThat(access.keySet())
                .as("every operation of the contract has a row")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(rows)
                        .map(Row::operationId)
                        .distinct()
                        .toList());
        for (Row row : rows) {
            for (TestCaller caller : TestCaller.values()) {
                cell(table, row, access.get(row.operationId()), caller);
            }
        }
        table.assertAllAsExpected();
    }

    @Test
    void customersCannotSetPricesTotalsStatusOrAnotherCustomerOnTheirOrders() {
        // Mass assignment: each server-owned field is refused, and nothing is ordered.
        String customer = TestOrders.newCustomer();
        String claims = TestIssuer.customer(customer);
        String address = TestOrders.ADDRESS;
        String line = "{\"product_id\":\"" + product + "\",\"quantity\":1";
        String[] bodies = {
            "{\"items\":[" + line + ",\"price_per_unit\":0.01}],\"shipping_address\":" + address + "}",
            "{\"items\":[" + line + ",\"price\":0.01}],\"shipping_address\":" + address + "}",
            "{\"items\":[" + line + "}],\"shipping_address\":" + address + ",\"total_amount\":0.01}",
            "{\"items\":[" + line + "}],\"shipping_address\":" + address + ",\"order_status\":\"DELIVERED\"}",
            "{\"items\":[" + line + "}],\"shipping_address\":" + address + ",\"customer_id\":\"" + OWNER + "\"}",
            "{\"items\":[" + line + "}],\"shipping_address\":" + address + ",\"order_id\":\"" + UUID.randomUUID()
                    + "\"}",
        };
        int stock = ProductsService.stockOf(product);
        for (String body : bodies) {
            HttpApiEvent event = OrdersFunction.request(
                    "POST /orders",
                    "/orders",
                    Map.of(),
                    "",
                    Map.of("idempotency-key", UUID.randomUUID().toString()),
                    body);
            HttpApiResponse response = send(TestCaller.withToken(event, claims), "/orders");
            assertThat(response.statusCode()).as(body + "\n" + response).isIn(400, 422);
        }
        assertThat(history(customer, claims)).as("no order was placed").isEmpty();
        assertThat(ProductsService.stockOf(product)).as("no stock was reserved").isEqualTo(stock);

        // The order a customer does place is theirs, priced by the catalog.
        JsonNode order = send(TestCaller.withToken(OrdersFunction.placing(product), claims), "/orders")
                .bodyJson();
        assertThat(order.path("customer_id").asText()).isEqualTo(customer);
        assertThat(order.path("items").get(0).path("price_per_unit").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(order.path("total_amount").decimalValue()).isEqualByComparingTo("25.00");

        // Changing its status may not smuggle in other fields either.
        String orderId = order.path("order_id").asText();
        for (String body : new String[] {
            "{\"order_status\":\"CANCELLED\",\"customer_id\":\"" + OWNER + "\"}",
            "{\"order_status\":\"CANCELLED\",\"total_amount\":0}"
        }) {
            HttpApiResponse response = send(
                    TestCaller.withToken(
                            OrdersFunction.request(
                                    "PUT /orders/{order_id}",
                                    "/orders/" + orderId,
                                    Map.of("order_id", orderId),
                                    "",
                                    Map.of("if-match", "\"1\""),
                                    body),
                            claims),
                    "/orders/" + orderId);
            assertThat(response.statusCode()).as(body + "\n" + response).isEqualTo(400);
        }
        JsonNode after = read(orderId, claims);
        assertThat(after.path("order_status").asText()).isEqualTo("PENDING");
        assertThat(after.path("customer_id").asText()).isEqualTo(customer);
    }

    private static void cell(AuthorizationTable table, Row row, Access access, TestCaller caller) {
        String expected = expected(row, access, caller);
        // Cells that may change an order get one of their own; reads share one.
        String orderId = switch (row.operationId()) {
            case "createOrder", "listCustomerOrders" -> null;
            case "getOrder" -> sharedOrderOfA();
            default -> placeOrderOfA();
        };
        JsonNode before = orderId == null ? null : read(orderId, ADMIN_TOKEN);
        HttpApiEvent event = caller.event(requestFor(row, orderId));
        String examplePath = event.rawPath().replaceAll("[?].*", "");
        HttpApiResponse response = send(event, examplePath);
        table.record(row.name(), caller, expected, response.statusCode(), response.toString());

        boolean mayChange = expected.equals("2xx");
        if (orderId != null && !mayChange) {
            JsonNode after = read(orderId, ADMIN_TOKEN);
            if (!after.equals(before)) {
                table.fail(row.name(), caller, "a refused caller changed A's order: " + before + " -> " + after);
            }
        }
        if (!mayChange && response.body() != null && response.body().contains("\"total_amount\"")) {
            table.fail(row.name(), caller, "a refused caller read an order: " + response.body());
        }
    }

    /** What the contract and the ownership rule of the row say this caller gets. */
    private static String expected(Row row, Access access, TestCaller caller) {
        switch (caller.expectedFor(access)) {
            case UNAUTHORIZED_401 -> {
                return "401";
            }
            case FORBIDDEN_403 -> {
                return "403";
            }
            case PASSES -> {
                // then the ownership rule, for whoever the token (not the claims) says the caller is
            }
        }
        boolean owner = OWNER.equals(caller.subject());
        boolean admin = caller.isAdmin();
        return switch (row.ownerRule()) {
            case "any" -> "2xx";
            case "owner-or-admin:404" -> owner || admin ? "2xx" : "404";
            case "owner-or-admin:403" -> owner || admin ? "2xx" : "403";
            case "admin;owner:403;other:404" -> admin ? "2xx" : owner ? "403" : "404";
            default -> throw new IllegalStateException(row.ownerRule());
        };
    }

    private static HttpApiEvent requestFor(Row row, String orderId) {
        return switch (row.name()) {
            case "createOrder" -> OrdersFunction.placing(product);
            case "getOrder (A's)" ->
                OrdersFunction.request(
                        "GET /orders/{order_id}",
                        "/orders/" + orderId,
                        Map.of("order_id", orderId),
                        "",
                        Map.of(),
                        null);
            case "getOrder (A's) ?customer_id=A" ->
                OrdersFunction.request(
                        "GET /orders/{order_id}",
                        "/orders/" + orderId,
                        Map.of("order_id", orderId),
                        "customer_id=" + OWNER,
                        Map.of(),
                        null);
            case "updateOrderStatus CONFIRMED (A's)" ->
                OrdersFunction.request(
                        "PUT /orders/{order_id}",
                        "/orders/" + orderId,
                        Map.of("order_id", orderId),
                        "",
                        Map.of("if-match", "\"1\""),
                        "{\"order_status\":\"CONFIRMED\"}");
            case "updateOrderStatus CANCELLED (A's)" ->
                OrdersFunction.request(
                        "PUT /orders/{order_id}",
                        "/orders/" + orderId,
                        Map.of("order_id", orderId),
                        "",
                        Map.of("if-match", "\"1\""),
                        "{\"order_status\":\"CANCELLED\"}");
            case "listCustomerOrders (A's)" ->
                OrdersFunction.request(
                        "GET /customers/{customer_id}/orders",
                        "/customers/" + OWNER + "/orders",
                        Map.of("customer_id", OWNER),
                        "",
                        Map.of(),
                        null);
            default -> throw new IllegalStateException(row.name());
        };
    }

    private static String sharedOrder;

    private static String sharedOrderOfA() {
        if (sharedOrder == null) {
            sharedOrder = placeOrderOfA();
        }
        return sharedOrder;
    }

    private static String placeOrderOfA() {
        HttpApiResponse placed = send(TestCaller.CUSTOMER.event(OrdersFunction.placing(product)), "/orders");
        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        return placed.bodyJson().path("order_id").asText();
    }

    private static JsonNode read(String orderId, String token) {
        HttpApiResponse response = send(
                TestCaller.withToken(
                        OrdersFunction.request(
                                "GET /orders/{order_id}",
                                "/orders/" + orderId,
                                Map.of("order_id", orderId),
                                "",
                                Map.of(),
                                null),
                        token),
                "/orders/" + orderId);
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
        return response.bodyJson();
    }

    private static JsonNode history(String customer, String token) {
        HttpApiResponse response = send(
                TestCaller.withToken(
                        OrdersFunction.request(
                                "GET /customers/{customer_id}/orders",
                                "/customers/" + customer + "/orders",
                                Map.of("customer_id", customer),
                                "",
                                Map.of(),
                                null),
                        token),
                "/customers/" + customer + "/orders");
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
        return response.bodyJson().path("items");
    }

    private static HttpApiResponse send(HttpApiEvent event, String contractPath) {
        HttpApiResponse response = OrdersFunction.invoke(event);
        CONTRACT.assertConforms(event.method(), contractPath, response.toSimpleResponse());
        return response;
    }
}
