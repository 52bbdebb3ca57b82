package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.lambda.FunctionImage;

/**
 * The whole stack, started the way {@code make run} starts it (the same main class and class path,
 * in its own JVM), on free ports, in memory, with its data folder in a temporary directory. One
 * stack for the class; the tests run in order: refusals first (no function may have started), then
 * the shop's main flow over HTTP, then SIGTERM, after which no process of the stack may be left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCloudEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

    private static RunningLocalCloud running;
    private static Process stack;
    private static String base;
    private static IssuerClient issuer;
    private static final List<ProcessHandle> seenProcesses = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        running = RunningLocalCloud.start();
        stack = running.process();
        base = running.base();
        issuer = running.issuer();
    }

    @AfterAll
    static void stopStack() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    @Order(1)
    void aRouteNotInRoutesJsonIs404BeforeAnyFunctionRuns() throws Exception {
        String orderId = UUID.randomUUID().toString();
        assertRefused(send("DELETE", "/orders/" + orderId, null, null), 404, NOT_FOUND);
        assertRefused(send("GET", "/products/a/b/c", null, null), 404, NOT_FOUND);
        assertRefused(send("POST", "/customers/alice/orders", null, "{}"), 404, NOT_FOUND);
        assertRefused(send("GET", "/orders", null, null), 404, NOT_FOUND);
        // The administrators' API: everything under /admin/ is its, and it has the same routes, no others.
        assertRefused(send("DELETE", "/admin/orders/" + orderId, null, null), 404, NOT_FOUND);
        assertRefused(send("GET", "/admin/no-such-thing", null, null), 404, NOT_FOUND);
        assertRefused(send("GET", "/admin/", null, null), 404, NOT_FOUND);
        assertRefused(send("GET", "/admin/admin/products", null, null), 404, NOT_FOUND);
        assertThat(functionProcesses()).as("no function was started").isEmpty();
    }

    @Test
    @Order(1)
    void everyApiExchangeIsHeldToTheContractsInTheReportButNotTheSite() throws Exception {
        String path = "/products/" + UUID.randomUUID() + "/no-such-resource";
        assertRefused(send("GET", path, null, null), 404, NOT_FOUND);
        send("GET", "/config.json", null, null);

        assertThat(running.contractReport().exchanges())
                .filteredOn(line -> line.path("path").asText().equals(path))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.path("status").asInt()).isEqualTo(404);
                    assertThat(line.path("requestProblems").toString()).contains("no contract has the path");
                    assertThat(line.path("violations"))
                            .as("a path no contract holds, answered 404")
                            .isEmpty();
                });
        assertThat(running.contractReport().exchanges())
                .noneMatch(line -> line.path("path").asText().equals("/config.json"));
    }

    @Test
    @Order(2)
    void aProtectedRouteWithoutAValidTokenIs401BeforeAnyFunctionRuns() throws Exception {
        HttpResponse<String> noToken = send("POST", "/products", null, "{\"sku\":\"X\",\"name\":\"X\",\"price\":1}");
        assertRefused(noToken, 401, UNAUTHORIZED);
        assertThat(noToken.headers().firstValue("www-authenticate")).contains("Bearer");
        assertRefused(send("POST", "/orders", null, "{}"), 401, UNAUTHORIZED);
        assertRefused(send("POST", "/admin/products", null, "{}"), 401, UNAUTHORIZED);
        assertRefused(send("GET", "/customers/alice/orders", "not-a-jwt", null), 401, UNAUTHORIZED);
        assertThat(functionProcesses()).as("no function was started").isEmpty();
    }

    @Test
    @Order(2)
    void eachApiTakesTheTokensOfItsOwnIssuerOnlyAndRefusesTheOthersBeforeAnyFunctionRuns() throws Exception {
        String alice = issuer.signIn("alice");
        String admin = running.adminIssuer().signIn("admin");
        // An administrator's token on the shoppers' API: not its issuer, as API Gateway's authorizer says.
        HttpResponse<String> adminAsShopper = send("GET", "/customers/admin/orders", admin, null);
        assertRefused(adminAsShopper, 401, UNAUTHORIZED);
        assertThat(adminAsShopper.headers().firstValue("www-authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
        assertRefused(
                send("POST", "/products", admin, "{\"sku\":\"X\",\"name\":\"X\",\"price\":1}"), 401, UNAUTHORIZED);
        // A shopper's token on the administrators' API, even one that claims the admin group.
        String claimingAdmin = issuer.signIn(LocalIssuer.WEB_CLIENT, "alice", "{\"cognito:groups\":[\"admin\"]}")
                .get("access_token")
                .asText();
        for (String shopper : List.of(alice, claimingAdmin)) {
            assertRefused(send("GET", "/admin/customers/alice/orders", shopper, null), 401, UNAUTHORIZED);
            assertRefused(
                    send("POST", "/admin/products", shopper, "{\"sku\":\"X\",\"name\":\"X\",\"price\":1}"),
                    401,
                    UNAUTHORIZED);
        }
        assertThat(functionProcesses()).as("no function was started").isEmpty();
    }

    @Test
    @Order(2)
    void theStockReservationsHaveNoPublicRouteWhateverTheToken() throws Exception {
        // Internal operations: orders invokes products directly; neither API knows such a route.
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add(issuer.signIn("alice"));
        tokens.add(running.adminIssuer().signIn("admin"));
        tokens.add(issuer.clientCredentials(
                LocalIssuer.ORDERS_CLIENT, LocalIssuer.ORDERS_CLIENT_SECRET, LocalIssuer.STOCK_SCOPE));
        for (String api : List.of("", "/admin")) {
            String reservation = api + "/products/stock-reservations/" + UUID.randomUUID();
            for (String token : tokens) {
                assertRefused(send("PUT", reservation, token, "{\"items\":[]}"), 404, NOT_FOUND);
                assertRefused(send("GET", reservation, token, null), 404, NOT_FOUND);
                assertRefused(send("POST", reservation + "/confirm", token, null), 404, NOT_FOUND);
                assertRefused(send("POST", reservation + "/release", token, null), 404, NOT_FOUND);
            }
        }
        assertThat(functionProcesses()).as("no function was started").isEmpty();
    }

    @Test
    @Order(2)
    void aBodyOverApiGatewaysTenMegabytesIs413BeforeAnyFunctionRuns() throws Exception {
        String alice = issuer.signIn("alice");
        String overLimit = "{\"items\":[],\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        assertRefused(
                send(
                        "POST",
                        "/orders",
                        alice,
                        overLimit,
                        "Idempotency-Key",
                        UUID.randomUUID().toString()),
                413,
                "{\"message\":\"Request Entity Too Large\"}");
        assertRefused(send("POST", "/products", null, overLimit), 413, "{\"message\":\"Request Entity Too Large\"}");
        assertRefused(
                send("POST", "/admin/products", null, overLimit), 413, "{\"message\":\"Request Entity Too Large\"}");
        assertThat(functionProcesses()).as("no function was started").isEmpty();
    }

    @Test
    @Order(3)
    void theSiteTheDocsTheIssuerAndCorsAreServedOnTheSamePort() throws Exception {
        assertThat(send("GET", "/", null, null).body()).contains("serverless-shop");
        assertThat(JSON.readTree(send("GET", "/config.json", null, null).body())
                        .path("client_id")
                        .asText())
                .as("the site's config.json names the issuer's web client")
                .isEqualTo("serverless-shop-web");
        HttpResponse<String> docs = send("GET", "/docs", null, null);
        assertThat(docs.body()).contains("/docs/products.yaml").contains("/docs/orders.yaml");
        assertThat(send("GET", "/docs/orders.yaml", null, null).body()).contains("Orders API");
        JsonNode discovery = JSON.readTree(send("GET", "/oauth2/.well-known/openid-configuration", null, null)
                .body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(base + "/oauth2");
        JsonNode adminDiscovery =
                JSON.readTree(send("GET", "/admin-oauth2/.well-known/openid-configuration", null, null)
                        .body());
        assertThat(adminDiscovery.path("issuer").asText()).isEqualTo(base + "/admin-oauth2");
        assertThat(adminDiscovery.path("authorization_endpoint").asText()).isEqualTo(base + "/admin-oauth2/authorize");
        assertThat(JSON.readTree(send("GET", "/config.json", null, null).body())
                        .path("admin")
                        .path("client_id")
                        .asText())
                .as("the administrators' sign-in in config.json")
                .isEqualTo("serverless-shop-admin");

        HttpResponse<String> preflight = send(
                "OPTIONS",
                "/orders",
                null,
                null,
                "Origin",
                "http://localhost:5173",
                "Access-Control-Request-Method",
                "POST");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().allValues("access-control-allow-origin"))
                .containsExactly("http://localhost:5173");
    }

    @Test
    @Order(4)
    void anAdministratorCreatesAProductACustomerOrdersItAndTheAdministratorShipsIt() throws Exception {
        String admin = running.adminIssuer().signIn("admin");
        String alice = issuer.signIn("alice");

        // Through the administrators' API, where an administrator's token counts.
        HttpResponse<String> created = send("POST", "/admin/products", admin, """
                {"sku": "E2E-LAMP-%s", "name": "End-to-end lamp", "description": "Made by the end-to-end test.",
                 "price": 39.90, "stock_quantity": 25, "is_active": true}""".formatted(
                        UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String productId = JSON.readTree(created.body()).path("product_id").asText();
        assertThat(send("GET", "/products/" + productId, null, null).statusCode())
                .isEqualTo(200);

        requireOrders();
        String order = """
                {"items": [{"product_id": "%s", "quantity": 2}],
                 "shipping_address": {"street": "123 Serverless Way", "city": "Cloud City", "zip_code": "12345", "country": "US"}}
                """.formatted(productId);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> placed = send("POST", "/orders", alice, order, "Idempotency-Key", key);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode placedOrder = JSON.readTree(placed.body());
        String orderId = placedOrder.path("order_id").asText();
        assertThat(placedOrder.path("customer_id").asText()).isEqualTo("alice");
        assertThat(placedOrder.path("items").get(0).path("price_per_unit").decimalValue())
                .isEqualByComparingTo("39.90");

        HttpResponse<String> replayed = send("POST", "/orders", alice, order, "Idempotency-Key", key);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(replayed.body()).path("order_id").asText()).isEqualTo(orderId);

        HttpResponse<String> read = send("GET", "/orders/" + orderId, alice, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("order_id").asText()).isEqualTo(orderId);

        HttpResponse<String> history = send("GET", "/customers/alice/orders", alice, null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).contains(orderId);

        String status = JSON.readTree(read.body()).path("order_status").asText();
        if (status.equals("PENDING")) {
            status = changeStatus(orderId, admin, "CONFIRMED");
        }
        assertThat(status).isEqualTo("CONFIRMED");
        assertThat(changeStatus(orderId, admin, "SHIPPED")).isEqualTo("SHIPPED");

        JsonNode product =
                JSON.readTree(send("GET", "/products/" + productId, null, null).body());
        assertThat(product.path("stock_quantity").asInt())
                .as("the order took its stock")
                .isEqualTo(23);
    }

    @Test
    @Order(5)
    void theFunctionsThatRanStartedWithTheAotCacheTheStackTrained() throws Exception {
        List<ProcessHandle> functions = functionProcesses();
        assertThat(functions)
                .as("the functions of the order above are still warm")
                .isNotEmpty();
        for (ProcessHandle function : functions) {
            // A JVM that takes the cache keeps it mapped; one that refuses it (other options, another class
            // path, another JVM) unmaps it and starts without.
            assertThat(Files.readString(Path.of("/proc", Long.toString(function.pid()), "maps")))
                    .as(function.info().commandLine().orElse("pid " + function.pid()))
                    .contains("/target/lambda/app.aot");
        }
    }

    @Test
    @Order(6)
    void sigtermStopsTheStackAndEveryProcessItStarted() throws Exception {
        seenProcesses.addAll(stack.toHandle().descendants().toList());
        assertThat(seenProcesses)
                .as("DynamoDB Local and the functions that ran")
                .hasSizeGreaterThanOrEqualTo(2);
        stack.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
        assertThat(stack.waitFor(60, TimeUnit.SECONDS)).as("the stack exits").isTrue();
        for (ProcessHandle process : seenProcesses) {
            process.onExit().get(10, TimeUnit.SECONDS);
            assertThat(process.isAlive())
                    .as("process " + process.pid() + " outlived the stack")
                    .isFalse();
        }
    }

    private static String changeStatus(String orderId, String admin, String status) throws Exception {
        HttpResponse<String> changed =
                send("PUT", "/admin/orders/" + orderId, admin, "{\"order_status\": \"" + status + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return JSON.readTree(changed.body()).path("order_status").asText();
    }

    /** The orders part needs the orders function; it is built in another branch until merged. */
    private static void requireOrders() {
        if (!Files.exists(FunctionImage.dockerfile(Repository.root(), "orders"))) {
            String why =
                    "orders-impl/target/lambda/Dockerfile is missing: the orders function is not built, so the order half of"
                            + " the end-to-end flow cannot run";
            if (Repository.isCi()) {
                fail(why + " (CI=true: nothing may be skipped)");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode())
                .as(response.request().method() + " " + response.uri())
                .isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    private static List<ProcessHandle> functionProcesses() {
        return running.functionProcesses();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        return running.send(method, path, token, body, headers);
    }
}
