package serverlessshop.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import serverlessshop.bench.BenchDatabase;
import serverlessshop.bench.FreePorts;
import serverlessshop.localcloud.dynamodb.DynamoDbLocal;
import serverlessshop.localcloud.dynamodb.DynamoDbTables;
import serverlessshop.reliability.stack.Ledger;
import serverlessshop.reliability.stack.ShopStack;
import serverlessshop.reliability.stack.Suite;
import serverlessshop.support.testing.logs.SensitiveLogScanner;
import serverlessshop.support.testing.mariadb.MariaDbServer;

/**
 * What the shop does when what it stands on fails, against the real local cloud: products on a
 * MariaDB server of the suite's own (stopped and started again), orders on a DynamoDB Local of the
 * suite's own (killed and started again on the same port and data), and function processes killed.
 * Each time: clean 503 problem+json answers with Retry-After while it is down, nothing half-made, and
 * recovery by itself when it is back, with the same function instances (no restart). The long
 * version (SHOP_SOAK=1) goes through each outage several times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final int cycles = Suite.scaled(1, 5);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final String STREET = "1 Fault Lane";

    private Path workDir;
    private MariaDbServer mariaDb;
    private BenchDatabase database;
    private DynamoDbLocal dynamoDb;
    private int dynamoDbPort;
    private ShopStack stack;
    private String productId;
    private String customer;
    private String adminToken;

    @BeforeAll
    void start() throws Exception {
        Suite.requireBuilt();
        Suite.require(
                MariaDbServer.installed(),
                "a MariaDB server to stop and start (/usr/sbin/mariadbd and"
                        + " /usr/bin/mariadb-install-db; apt-get install -y mariadb-server)");
        workDir = Suite.workDir("faults-" + Long.toHexString(System.nanoTime()));
        mariaDb = MariaDbServer.create(workDir.resolve("mariadb"), "--innodb-buffer-pool-size=32M");
        database = new BenchDatabase(Map.of("MYSQL_URL", mariaDb.serverUrl()), "reliability_faults");
        database.recreate();
        dynamoDbPort = FreePorts.one();
        startDynamoDb();
        new DynamoDbTables(dynamoDb.endpoint())
                .ensure(Suite.repo().resolve("orders-impl/src/main/resources/dynamodb/orders-table.json"));
        stack = ShopStack.start(
                "faults",
                workDir,
                1,
                Map.of(
                        "PRODUCTS_DB_URL",
                        database.functionUrl(),
                        "PRODUCTS_DB_USER",
                        database.user(),
                        "PRODUCTS_DB_PASSWORD",
                        database.password()),
                // Orders on the suite's own DynamoDB Local, which it can stop and start again.
                Map.of("ORDERS_DYNAMODB_ENDPOINT", dynamoDb.endpoint()));
        adminToken = stack.adminToken("admin");
        customer = stack.token("fay");
        HttpResponse<String> created = send(request("/admin/products", adminToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"FAULT-1\",\"name\":\"Fault product\","
                        + "\"price\":5.00,\"stock_quantity\":1000}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        productId = JSON.readTree(created.body()).path("product_id").asText();
        assertThat(placeOrder(UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            if (mariaDb != null) {
                mariaDb.close();
            }
        }
    }

    @Test
    @Order(1)
    void mariaDbStopped_productsAnswers503_ordersRefusesCleanly_bothRecoverWithoutRestart() throws Exception {
        for (int cycle = 1; cycle <= cycles; cycle++) {
            List<Long> productsBefore = pids(ShopStack.PRODUCTS_HANDLER);
            List<Long> ordersBefore = pids(ShopStack.ORDERS_HANDLER);
            int stockBefore = stock();

            mariaDb.stop();
            HttpResponse<String> catalog =
                    send(request("/products/" + productId, null).GET());
            assertUnavailable("GET /products/{id} with MariaDB stopped", catalog);
            String key = UUID.randomUUID().toString();
            HttpResponse<String> order = placeOrder(key);
            assertUnavailable("POST /orders with MariaDB stopped", order);
            assertNoOrderItem(key);

            mariaDb.start();
            HttpResponse<String> back =
                    awaitAnswer(request("/products/" + productId, null).GET(), r -> r.statusCode() == 200);
            assertThat(back.statusCode())
                    .as("products after MariaDB is back: %s", back.body())
                    .isEqualTo(200);
            HttpResponse<String> placed =
                    awaitAnswer(orderRequest(UUID.randomUUID().toString()), r -> r.statusCode() == 201);
            assertThat(placed.statusCode())
                    .as("an order after MariaDB is back: %s", placed.body())
                    .isEqualTo(201);
            assertThat(stock())
                    .as("stock: only the order placed after recovery took units")
                    .isEqualTo(stockBefore - 1);
            assertThat(pids(ShopStack.PRODUCTS_HANDLER))
                    .as("the products instance recovered by itself (no restart)")
                    .isEqualTo(productsBefore);
            assertThat(pids(ShopStack.ORDERS_HANDLER))
                    .as("the orders instance, the same one")
                    .isEqualTo(ordersBefore);
            System.out.println("faults: MariaDB stopped and started (cycle " + cycle + " of " + cycles
                    + "): products 503 with Retry-After "
                    + catalog.headers().firstValue("Retry-After").orElse("?")
                    + ", orders 503, recovered without a restart");
        }
    }

    @Test
    @Order(2)
    void dynamoDbStopped_ordersAnswers503_andRecoversWhenItIsBack() throws Exception {
        for (int cycle = 1; cycle <= cycles; cycle++) {
            List<Long> ordersBefore = pids(ShopStack.ORDERS_HANDLER);
            String earlierKey = UUID.randomUUID().toString();
            HttpResponse<String> earlier = placeOrder(earlierKey);
            assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(201);
            String earlierId = JSON.readTree(earlier.body()).path("order_id").asText();
            int stockBefore = stock();

            dynamoDb.close();
            HttpResponse<String> order = placeOrder(UUID.randomUUID().toString());
            assertUnavailable("POST /orders with DynamoDB Local stopped", order);
            HttpResponse<String> read =
                    send(request("/orders/" + earlierId, customer).GET());
            assertUnavailable("GET /orders/{id} with DynamoDB Local stopped", read);
            assertThat(stock())
                    .as("the refused order's reservation was released: no stock held")
                    .isEqualTo(stockBefore);

            startDynamoDb();
            HttpResponse<String> placed =
                    awaitAnswer(orderRequest(UUID.randomUUID().toString()), r -> r.statusCode() == 201);
            assertThat(placed.statusCode())
                    .as("an order after DynamoDB is back: %s", placed.body())
                    .isEqualTo(201);
            HttpResponse<String> again =
                    send(request("/orders/" + earlierId, customer).GET());
            assertThat(again.statusCode())
                    .as("the order placed before the outage is still there: %s", again.body())
                    .isEqualTo(200);
            assertThat(pids(ShopStack.ORDERS_HANDLER))
                    .as("the orders instance recovered by itself (no restart)")
                    .isEqualTo(ordersBefore);
            System.out.println("faults: DynamoDB Local killed and started again (cycle " + cycle + " of " + cycles
                    + "): orders 503 with Retry-After "
                    + order.headers().firstValue("Retry-After").orElse("?")
                    + ", recovered without a restart, data kept");
        }
    }

    @Test
    @Order(3)
    void functionProcessKilled_theNextRequestStartsANewInstance() throws Exception {
        for (int cycle = 1; cycle <= cycles; cycle++) {
            for (String handler : List.of(ShopStack.PRODUCTS_HANDLER, ShopStack.ORDERS_HANDLER)) {
                List<ProcessHandle> instances = stack.instances(handler);
                assertThat(instances).as("a running instance of %s", handler).isNotEmpty();
                for (ProcessHandle instance : instances) {
                    instance.destroyForcibly();
                    instance.onExit().get();
                }
                HttpResponse<String> answer = handler.equals(ShopStack.PRODUCTS_HANDLER)
                        ? send(request("/products/" + productId, null).GET())
                        : placeOrder(UUID.randomUUID().toString());
                assertThat(answer.statusCode())
                        .as("the first request after %s was killed: %s", handler, answer.body())
                        .isIn(200, 201);
                List<Long> now = pids(handler);
                assertThat(now)
                        .as("a new instance of %s", handler)
                        .isNotEmpty()
                        .doesNotContainAnyElementsOf(
                                instances.stream().map(ProcessHandle::pid).toList());
            }
            System.out.println("faults: both functions' processes killed (cycle " + cycle + " of " + cycles
                    + "): the next request started a new instance and succeeded");
        }
    }

    private void startDynamoDb() throws IOException, InterruptedException {
        // The same port and data directory as before: the data survives, as DynamoDB's does.
        dynamoDb = DynamoDbLocal.start(
                Suite.repo().resolve("local-cloud/dynamodb-local/target"),
                dynamoDbPort,
                workDir.resolve("dynamodb"),
                workDir.resolve("dynamodb-work"));
        dynamoDb.awaitReady(Duration.ofSeconds(60));
    }

    private void assertUnavailable(String what, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s: content type", what)
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt())
                .as("%s: problem status", what)
                .isEqualTo(503);
        assertThat(problem.path("code").asText()).as("%s: problem code", what).isNotBlank();
        assertThat(response.headers().firstValue("Retry-After"))
                .as("%s: Retry-After", what)
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }

    /** No item at all for this key in the orders table: no order, and no claim left behind. */
    private void assertNoOrderItem(String key) throws Exception {
        assertThat(Ledger.orders(dynamoDb.endpoint(), "orders"))
                .as("items of the Idempotency-Key %s", key)
                .noneMatch(item -> key.equals(item.idempotencyKey()));
    }

    private int stock() throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(database.functionUrl(), database.user(), database.password());
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT stock_quantity FROM products WHERE product_id = '" + productId + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private List<Long> pids(String handler) {
        return stack.instances(handler).stream()
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    @Test
    @Order(4)
    void theLogsOfTheOutagesHoldNoTokenSecretPasswordOrAddress() {
        SensitiveLogScanner.standard().withAddresses(STREET).assertClean(stack.log());
    }

    private HttpResponse<String> placeOrder(String key) throws Exception {
        return send(orderRequest(key));
    }

    private HttpRequest.Builder orderRequest(String key) {
        return request("/orders", customer)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"product_id\":\"" + productId
                        + "\",\"quantity\":1}],\"shipping_address\":{\"street\":\"" + STREET + "\",\"city\":\"Jepsen\","
                        + "\"zip_code\":\"12345\",\"country\":\"US\"}}"));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(45));
        return token == null ? builder : builder.header("Authorization", token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks again (a new Idempotency-Key is not needed: the same request is safe) until the answer is good. */
    private HttpResponse<String> awaitAnswer(HttpRequest.Builder request, Predicate<HttpResponse<String>> good)
            throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        HttpResponse<String> last;
        do {
            last = send(request);
            if (good.test(last)) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return last;
    }
}
