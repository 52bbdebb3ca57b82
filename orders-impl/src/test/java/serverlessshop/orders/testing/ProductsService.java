package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import serverlessshop.support.testing.TestIssuer;

/**
 * The real products service for the saga tests: the Lambda directory products-impl builds
 * (target/lambda/lib), run as a web server in its own JVM on an in-memory H2 database, trusting the
 * test issuer. Started once per test JVM; the tests make their products through its API.
 */
public final class ProductsService {

    private static final Path LAMBDA_DIR =
            Path.of(System.getProperty("orders.test.products-lambda", "../products-impl/target/lambda"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final LocalServer SERVER = new LocalServer(
            "products-service",
            LAMBDA_DIR,
            port -> List.of(
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    "-cp",
                    LAMBDA_DIR.resolve("lib").toAbsolutePath() + "/*",
                    "serverlessshop.products.ProductsApplication",
                    "--server.port=" + port),
            Map.of(
                    "PRODUCTS_DB_URL",
                            "jdbc:h2:mem:products;MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1",
                    "SHOP_JWT_ISSUER", TestIssuer.issuer(),
                    "SHOP_JWT_AUDIENCES", TestIssuer.serviceProperties().get("shop.security.audiences")));

    private ProductsService() {}

    /** Starts it, if it is not running yet, without waiting for it. */
    public static void start() {
        SERVER.port();
    }

    /** Waits until it answers. */
    public static void awaitReady() {
        SERVER.awaitReady(Duration.ofSeconds(90), () -> {
            try {
                return send(HttpRequest.newBuilder(uri("/products")).GET(), null)
                                .statusCode()
                        == 200;
            } catch (IllegalStateException e) {
                return false;
            }
        });
    }

    /** Everything the products service has printed: its log lines, for scanning. */
    public static java.nio.file.Path logFile() {
        return SERVER.log();
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /** A new active product with this stock, made by an administrator; its id. */
    public static UUID createProduct(String name, String price, int stock) {
        String body = "{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"price\":" + price
                + ",\"stock_quantity\":" + stock + "}";
        JsonNode product = expect(
                201,
                send(
                        HttpRequest.newBuilder(uri("/products"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)),
                        "Bearer " + TestIssuer.admin("products-admin")));
        return UUID.fromString(product.path("product_id").asText());
    }

    /** A product that exists but is not for sale. */
    public static UUID createInactiveProduct(String name) {
        String body = "{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"name\":\"" + name
                + "\",\"price\":1,\"stock_quantity\":5,\"is_active\":false}";
        JsonNode product = expect(
                201,
                send(
                        HttpRequest.newBuilder(uri("/products"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)),
                        "Bearer " + TestIssuer.admin("products-admin")));
        return UUID.fromString(product.path("product_id").asText());
    }

    public static int stockOf(UUID productId) {
        return expect(
                        200,
                        send(
                                HttpRequest.newBuilder(uri("/products/" + productId))
                                        .GET(),
                                "Bearer " + TestIssuer.admin("products-admin")))
                .path("stock_quantity")
                .asInt();
    }

    public static BigDecimal priceOf(UUID productId) {
        return expect(
                        200,
                        send(
                                HttpRequest.newBuilder(uri("/products/" + productId))
                                        .GET(),
                                "Bearer " + TestIssuer.admin("products-admin")))
                .path("price")
                .decimalValue();
    }

    /** The reservation's status as products has it (RESERVED, CONFIRMED, RELEASED, EXPIRED), or null if none. */
    public static String reservationStatus(String reservationId) {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/products/stock-reservations/" + reservationId))
                        .GET(),
                "Bearer " + TestIssuer.machine());
        return response.statusCode() == 404
                ? null
                : expect(200, response).path("status").asText();
    }

    private static URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("products did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("products answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.request().uri() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
