package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.support.testing.AuthorizationTable;
import serverlessshop.support.testing.ContractOperations;
import serverlessshop.support.testing.ContractOperations.Access;
import serverlessshop.support.testing.TestCaller;

/**
 * Every operation of both contracts x every kind of caller, over HTTP through the local gateway of
 * a running stack, as a client meets the API: the JWT authorizer (what AWS's refuses, it refuses:
 * expired, foreign, unsigned or forged tokens, a token without the route's scope, such as a machine
 * client's on a customer's route or an ID token anywhere protected), then the function, which
 * verifies the token again (groups, ownership). The tokens come from the stack's own issuers, forged
 * from their tokens, or from another issuer. An administrator's token comes from the administrators'
 * issuer and goes to the administrators' API under /admin; every other caller's goes to the shoppers'
 * API, where a shopper's token that claims the admin group is a customer's. A client cannot write the
 * authorizer's claims: the forged claims columns send the token behind them (none, or customer B's),
 * and get what it deserves.
 */
class GatewayAuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "{\"street\":\"123 Serverless Way\",\"city\":\"Cloud City\","
            + "\"zip_code\":\"12345\",\"country\":\"US\"}";
    /** Where the administrators' API is: the only one that takes their tokens. */
    private static final String ADMIN_API = "/admin";

    private static RunningLocalCloud stack;
    private static final Map<TestCaller, String> TOKENS = new EnumMap<>(TestCaller.class);
    private static String product;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningLocalCloud.start();
        var issuer = stack.issuer();
        String adminClaims = "{\"cognito:groups\":[\"admin\"]}";
        TOKENS.put(TestCaller.CUSTOMER, issuer.signIn("customer-a"));
        TOKENS.put(TestCaller.CUSTOMER_B, issuer.signIn("customer-b"));
        TOKENS.put(TestCaller.ADMIN, stack.adminIssuer().signIn("admin-a"));
        TOKENS.put(
                TestCaller.SHOPPER_CLAIMING_ADMIN,
                issuer.signIn(LocalIssuer.WEB_CLIENT, "customer-a", adminClaims)
                        .get("access_token")
                        .asText());
        TOKENS.put(
                TestCaller.MACHINE,
                issuer.clientCredentials(
                        LocalIssuer.ORDERS_CLIENT, LocalIssuer.ORDERS_CLIENT_SECRET, LocalIssuer.STOCK_SCOPE));
        TOKENS.put(
                TestCaller.EXPIRED,
                issuer.signIn(LocalIssuer.WEB_CLIENT, "admin-a", "{\"cognito:groups\":[\"admin\"],\"exp\":1000000000}")
                        .get("access_token")
                        .asText());
        TOKENS.put(
                TestCaller.WRONG_AUDIENCE,
                issuer.signIn("some-other-api", "admin-a", adminClaims)
                        .get("access_token")
                        .asText());
        TOKENS.put(
                TestCaller.OTHER_ISSUER, TestCaller.OTHER_ISSUER.authorization().substring("Bearer ".length()));
        TOKENS.put(
                TestCaller.ID_TOKEN,
                issuer.signIn(LocalIssuer.WEB_CLIENT, "admin-a", adminClaims)
                        .get("id_token")
                        .asText());
        // Through the gateway the claims are the authorizer's own: only the token behind forged ones is sent.
        TOKENS.put(TestCaller.FORGED_OVER_TOKEN, TOKENS.get(TestCaller.CUSTOMER_B));
        // A token of the shoppers' issuer whose one defect is its signature (it is sent to the shoppers' API).
        String claimingAdmin = issuer.signIn(LocalIssuer.WEB_CLIENT, "admin-a", adminClaims)
                .get("access_token")
                .asText();
        TOKENS.put(TestCaller.TAMPERED_SIGNATURE, tampered(claimingAdmin));
        TOKENS.put(TestCaller.ALG_NONE, unsigned(claimingAdmin));
        assertThat(claim(TOKENS.get(TestCaller.EXPIRED), "exp").asLong())
                .as("the issuer takes the exp of the login form: the token is expired")
                .isLessThan(2_000_000_000L);
        product = create("POST", ADMIN_API + "/products", TOKENS.get(TestCaller.ADMIN), productBody(), "product_id");
    }

    private static String tampered(String token) {
        return token.substring(0, token.length() - 2)
                + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
    }

    private static String unsigned(String token) {
        return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + token.split("\\.")[1] + ".";
    }

    /** The API a caller's requests go to: an administrator's to the administrators', everyone else's to the shoppers'. */
    private static String apiOf(TestCaller caller) {
        return caller == TestCaller.ADMIN ? ADMIN_API : "";
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void theLocalIssuersIdTokensSayTheyAreIdTokensAsCognitosDo() throws Exception {
        // They said token_use: access (the token callback's claims), so the services took them for access tokens.
        assertThat(claim(TOKENS.get(TestCaller.ID_TOKEN), "token_use").asText()).isEqualTo("id");
        assertThat(claim(TOKENS.get(TestCaller.ADMIN), "token_use").asText()).isEqualTo("access");
        // Cognito's ID tokens carry no scope: the authorizer refuses them on a scoped route (403), and the
        // function, which verifies token_use, on a public one, where a presented token must be valid (401).
        assertThat(claim(TOKENS.get(TestCaller.ID_TOKEN), "scope").isMissingNode())
                .isTrue();
        assertThat(stack.send("GET", "/customers/admin-a/orders", TOKENS.get(TestCaller.ID_TOKEN), null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send("GET", "/products", TOKENS.get(TestCaller.ID_TOKEN), null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void everyCallerGetsWhatTheContractAllowsThroughTheGateway() throws Exception {
        AuthorizationTable table = new AuthorizationTable("authorization through the local gateway");
        Map<String, Access> access = new HashMap<>();
        ContractOperations.examples("products").forEach(e -> access.put(e.operationId(), e.access()));
        ContractOperations.examples("orders").forEach(e -> access.put(e.operationId(), e.access()));
        String[][] rows = {
            {"listProducts", "listProducts", "-"},
            {"getProduct", "getProduct", "-"},
            {"createProduct", "createProduct", "-"},
            {"updateProduct", "updateProduct", "-"},
            {"deleteProduct", "deleteProduct", "-"},
            {"listCategories", "listCategories", "-"},
            {"getCategory", "getCategory", "-"},
            {"createCategory", "createCategory", "-"},
            {"updateCategory", "updateCategory", "-"},
            {"deleteCategory", "deleteCategory", "-"},
            {"createProductImage", "createProductImage", "-"},
            {"getProductImage", "getProductImage", "-"},
            {"deleteProductImage", "deleteProductImage", "-"},
            {"createOrder", "createOrder", "any"},
            {"getOrder (A's)", "getOrder", "owner-or-admin:404"},
            {"updateOrderStatus CONFIRMED (A's)", "updateOrderStatus", "admin;owner:403;other:404"},
            {"updateOrderStatus CANCELLED (A's)", "updateOrderStatus", "owner-or-admin:404"},
            {"listCustomerOrders (A's)", "listCustomerOrders", "owner-or-admin:403"},
        };
        assertThat(access.keySet())
                .as("every operation of both contracts has a row")
                .allMatch(id -> java.util.Arrays.stream(rows).anyMatch(row -> row[1].equals(id)));
        for (String[] row : rows) {
            for (TestCaller caller : TestCaller.values()) {
                String expected = expected(access.get(row[1]), row[2], caller);
                HttpResponse<String> response = send(row[0], TOKENS.get(caller), apiOf(caller));
                table.record(
                        row[0],
                        caller,
                        expected,
                        response.statusCode(),
                        response.request().method() + " " + response.uri() + " -> " + response.body());
                if (!expected.equals("2xx") && response.body().contains("\"total_amount\"")) {
                    table.fail(row[0], caller, "a refused caller read an order: " + response.body());
                }
            }
        }
        table.assertAllAsExpected();
    }

    private static String expected(Access access, String ownerRule, TestCaller caller) {
        if (caller == TestCaller.ID_TOKEN && !access.open()) {
            return "403"; // it passes the signature checks but has no scope: API Gateway refuses it there
        }
        switch (caller.expectedFor(access)) {
            case UNAUTHORIZED_401 -> {
                return "401";
            }
            case FORBIDDEN_403 -> {
                return "403";
            }
            case PASSES -> {
                // then the ownership rule, for whoever the token says the caller is
            }
        }
        boolean owner = TestCaller.CUSTOMER.subject().equals(caller.subject());
        boolean admin = caller.isAdmin();
        return switch (ownerRule) {
            case "-", "any" -> "2xx";
            case "owner-or-admin:404" -> owner || admin ? "2xx" : "404";
            case "owner-or-admin:403" -> owner || admin ? "2xx" : "403";
            case "admin;owner:403;other:404" -> admin ? "2xx" : owner ? "403" : "404";
            default -> throw new IllegalStateException(ownerRule);
        };
    }

    @Test
    void theAdministratorsApiTakesNoShoppersTokenWhereATokenIsNeeded() throws Exception {
        // Its authorizer trusts the administrators' issuer alone: a shopper's token is 401 on every
        // protected route, whatever groups it claims; open routes take anyone, as on the shoppers' API.
        AuthorizationTable table = new AuthorizationTable("shoppers' tokens on the administrators' API");
        Map<String, Access> access = new HashMap<>();
        ContractOperations.examples("products").forEach(e -> access.put(e.operationId(), e.access()));
        ContractOperations.examples("orders").forEach(e -> access.put(e.operationId(), e.access()));
        String[][] rows = {
            {"listProducts", "listProducts"},
            {"getProduct", "getProduct"},
            {"createProduct", "createProduct"},
            {"updateProduct", "updateProduct"},
            {"deleteProduct", "deleteProduct"},
            {"listCategories", "listCategories"},
            {"getCategory", "getCategory"},
            {"createCategory", "createCategory"},
            {"updateCategory", "updateCategory"},
            {"deleteCategory", "deleteCategory"},
            {"createProductImage", "createProductImage"},
            {"getProductImage", "getProductImage"},
            {"deleteProductImage", "deleteProductImage"},
            {"createOrder", "createOrder"},
            {"getOrder (A's)", "getOrder"},
            {"updateOrderStatus CONFIRMED (A's)", "updateOrderStatus"},
            {"listCustomerOrders (A's)", "listCustomerOrders"},
        };
        for (String[] row : rows) {
            for (TestCaller caller :
                    List.of(TestCaller.CUSTOMER, TestCaller.SHOPPER_CLAIMING_ADMIN, TestCaller.MACHINE)) {
                String expected = access.get(row[1]).open() ? "2xx" : "401";
                HttpResponse<String> response = send(row[0], TOKENS.get(caller), ADMIN_API);
                table.record(
                        row[0],
                        caller,
                        expected,
                        response.statusCode(),
                        response.request().method() + " " + response.uri() + " -> " + response.body());
                if (expected.equals("401") && !response.body().equals("{\"message\":\"Unauthorized\"}")) {
                    table.fail(row[0], caller, "not the authorizer's refusal: " + response.body());
                }
            }
        }
        table.assertAllAsExpected();
    }

    @Test
    void theAdministratorsApiRefusesForgedAndExpiredAdministratorsTokens() throws Exception {
        String admin = TOKENS.get(TestCaller.ADMIN);
        String expired = stack.adminIssuer()
                .signIn(LocalIssuer.ADMIN_CLIENT, "admin-a", "{\"exp\":1000000000}")
                .get("access_token")
                .asText();
        String otherClient = stack.adminIssuer()
                .signIn("some-other-api", "admin-a", null)
                .get("access_token")
                .asText();
        for (String refused : List.of(tampered(admin), unsigned(admin), expired, otherClient)) {
            HttpResponse<String> response = stack.send("POST", ADMIN_API + "/products", refused, productBody());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
        HttpResponse<String> created = stack.send("POST", ADMIN_API + "/products", admin, productBody());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(stack.send(
                                "GET",
                                "/products/"
                                        + JSON.readTree(created.body())
                                                .path("product_id")
                                                .asText(),
                                null,
                                null)
                        .statusCode())
                .as("the product an administrator created through /admin is the shop's")
                .isEqualTo(200);
    }

    @Test
    void aMachineTokenIsRefusedOnCustomerRoutesAsApiGatewayRefusesIt() throws Exception {
        // The authorizer's answer for a token without the route's scope: 403 {"message":"Forbidden"}.
        HttpResponse<String> response = stack.send(
                "GET", "/customers/" + LocalIssuer.ORDERS_CLIENT + "/orders", TOKENS.get(TestCaller.MACHINE), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(response.headers().firstValue("www-authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("insufficient_scope"));
    }

    private static final String IMAGE_BODY = "{\"content_type\":\"image/jpeg\",\"content_length\":1000}";

    /** A category made for one row alone, by an administrator. */
    private static String category(String admin) throws Exception {
        return create("POST", ADMIN_API + "/categories", admin, categoryBody(), "category_id");
    }

    private static String categoryBody() {
        return "{\"slug\":\"matrix-" + UUID.randomUUID() + "\",\"name\":\"Matrix\"}";
    }

    /** The path of a (pending) image of a product made for one row alone, by an administrator. */
    private static String image(String admin) throws Exception {
        String owner = create("POST", ADMIN_API + "/products", admin, productBody(), "product_id");
        HttpResponse<String> created =
                stack.send("POST", ADMIN_API + "/products/" + owner + "/images", admin, IMAGE_BODY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "/products/" + owner + "/images/"
                + JSON.readTree(created.body()).path("image").path("image_id").asText();
    }

    /** The row's request to the API under {@code api}, on resources made for it alone, with this token (or none). */
    private static HttpResponse<String> send(String row, String token, String api) throws Exception {
        String admin = TOKENS.get(TestCaller.ADMIN);
        String customerA = TOKENS.get(TestCaller.CUSTOMER);
        String orderBody = "{\"items\":[{\"product_id\":\"" + product + "\",\"quantity\":1}],\"shipping_address\":"
                + ADDRESS + "}";
        return switch (row) {
            case "listProducts" -> stack.send("GET", api + "/products", token, null);
            case "getProduct" -> stack.send("GET", api + "/products/" + product, token, null);
            case "createProduct" -> stack.send("POST", api + "/products", token, productBody());
            case "updateProduct" ->
                stack.send(
                        "PUT",
                        api + "/products/"
                                + create("POST", ADMIN_API + "/products", admin, productBody(), "product_id"),
                        token,
                        productBody().replace("}", ",\"is_active\":true}"),
                        "If-Match",
                        "\"1\"");
            case "deleteProduct" ->
                stack.send(
                        "DELETE",
                        api + "/products/"
                                + create("POST", ADMIN_API + "/products", admin, productBody(), "product_id"),
                        token,
                        null);
            case "listCategories" -> stack.send("GET", api + "/categories", token, null);
            case "getCategory" -> stack.send("GET", api + "/categories/" + category(admin), token, null);
            case "createCategory" -> stack.send("POST", api + "/categories", token, categoryBody());
            case "updateCategory" ->
                stack.send("PUT", api + "/categories/" + category(admin), token, categoryBody(), "If-Match", "\"1\"");
            case "deleteCategory" -> stack.send("DELETE", api + "/categories/" + category(admin), token, null);
            case "createProductImage" ->
                stack.send("POST", api + "/products/" + product + "/images", token, IMAGE_BODY);
            case "getProductImage" -> stack.send("GET", api + image(admin), token, null);
            case "deleteProductImage" -> stack.send("DELETE", api + image(admin), token, null);
            case "createOrder" ->
                stack.send(
                        "POST",
                        api + "/orders",
                        token,
                        orderBody,
                        "Idempotency-Key",
                        UUID.randomUUID().toString());
            case "getOrder (A's)" -> stack.send("GET", api + "/orders/" + orderOfA(customerA, orderBody), token, null);
            case "updateOrderStatus CONFIRMED (A's)" ->
                stack.send(
                        "PUT",
                        api + "/orders/" + orderOfA(customerA, orderBody),
                        token,
                        "{\"order_status\":\"CONFIRMED\"}",
                        "If-Match",
                        "\"1\"");
            case "updateOrderStatus CANCELLED (A's)" ->
                stack.send(
                        "PUT",
                        api + "/orders/" + orderOfA(customerA, orderBody),
                        token,
                        "{\"order_status\":\"CANCELLED\"}",
                        "If-Match",
                        "\"1\"");
            case "listCustomerOrders (A's)" -> stack.send("GET", api + "/customers/customer-a/orders", token, null);
            default -> throw new IllegalStateException(row);
        };
    }

    private static String orderOfA(String customerA, String orderBody) throws Exception {
        return create(
                "POST",
                "/orders",
                customerA,
                orderBody,
                "order_id",
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    private static String create(
            String method, String path, String token, String body, String idField, String... headers) throws Exception {
        HttpResponse<String> created = stack.send(method, path, token, body, headers);
        assertThat(created.statusCode())
                .as(method + " " + path + ": " + created.body())
                .isEqualTo(201);
        return JSON.readTree(created.body()).path(idField).asText();
    }

    private static String productBody() {
        return "{\"sku\":\"GW-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Gateway lamp\","
                + "\"price\":3.50,\"stock_quantity\":100000}";
    }

    private static JsonNode claim(String token, String name) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .path(name);
    }
}
