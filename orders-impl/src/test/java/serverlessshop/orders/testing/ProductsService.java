package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.support.testing.TestIssuer;

/**
 * The real products function for the saga tests: the Lambda directory products-impl builds
 * (target/lambda/lib), its handler run in its own JVM behind Lambda's Invoke API
 * ({@link FunctionInvokeServer}), on an in-memory H2 database, trusting the test issuer. Started
 * once per test JVM; the tests make their products by invoking it with the events API Gateway would
 * pass for an administrator's requests, and read reservations as orders does, by direct invocation.
 */
public final class ProductsService {

    /** The function's name, as the orders service is configured to invoke it. */
    public static final String FUNCTION_NAME = "products";

    private static final Path LAMBDA_DIR =
            Path.of(System.getProperty("orders.test.products-lambda", "../products-impl/target/lambda"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String DIRECT_CLIENT_CONTEXT = Base64.getEncoder()
            .encodeToString("{\"custom\":{\"caller\":\"orders-tests\"}}".getBytes(StandardCharsets.UTF_8));
    private static final LocalServer SERVER = new LocalServer(
            "products-service",
            LAMBDA_DIR,
            port -> List.of(
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    "-cp",
                    LAMBDA_DIR.resolve("lib").toAbsolutePath() + "/*" + File.pathSeparator + ownClasses(),
                    FunctionInvokeServer.class.getName(),
                    String.valueOf(port),
                    FUNCTION_NAME,
                    "serverlessshop.products.lambda.StreamLambdaHandler"),
            environment());

    private ProductsService() {}

    /** An in-memory catalog, and both issuers (shoppers' and administrators') as a deployment gives them. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(TestIssuer.functionEnvironment());
        environment.put(
                "PRODUCTS_DB_URL",
                "jdbc:h2:mem:products;MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
        environment.put("PRODUCTS_DB_MIGRATE_ON_START", "true");
        return environment;
    }

    /** Starts it, if it is not running yet, without waiting for it. */
    public static void start() {
        SERVER.port();
    }

    /** Waits until it answers (the handler starts its application on the first invocation). */
    public static void awaitReady() {
        SERVER.awaitReady(Duration.ofSeconds(90), () -> {
            try {
                return invoke(HttpApiEvent.request("GET /products").build(), false)
                                .path("statusCode")
                                .asInt()
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

    /** Lambda's Invoke API of the function, for the orders service's AWS_ENDPOINT_URL_LAMBDA. */
    public static String lambdaEndpoint() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /** A new active product with this stock, made by an administrator; its id. */
    public static UUID createProduct(String name, String price, int stock) {
        String body = "{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"price\":" + price
                + ",\"stock_quantity\":" + stock + "}";
        JsonNode product =
                expect(201, asAdmin(HttpApiEvent.request("POST /products").body(body)));
        return UUID.fromString(product.path("product_id").asText());
    }

    /** A product that exists but is not for sale. */
    public static UUID createInactiveProduct(String name) {
        String body = "{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"name\":\"" + name
                + "\",\"price\":1,\"stock_quantity\":5,\"is_active\":false}";
        JsonNode product =
                expect(201, asAdmin(HttpApiEvent.request("POST /products").body(body)));
        return UUID.fromString(product.path("product_id").asText());
    }

    public static int stockOf(UUID productId) {
        return expect(200, asAdmin(product(productId))).path("stock_quantity").asInt();
    }

    public static BigDecimal priceOf(UUID productId) {
        return expect(200, asAdmin(product(productId))).path("price").decimalValue();
    }

    /** The reservation's status as products has it (RESERVED, CONFIRMED, RELEASED, EXPIRED), or null if none. */
    public static String reservationStatus(String reservationId) {
        JsonNode response = invoke(
                HttpApiEvent.request("GET /products/stock-reservations/{reservation_id}")
                        .path("/products/stock-reservations/" + reservationId)
                        .pathParameters(Map.of("reservation_id", reservationId))
                        .header("accept", "application/json")
                        .build(),
                true);
        return response.path("statusCode").asInt() == 404
                ? null
                : expect(200, response).path("status").asText();
    }

    private static HttpApiEvent.Builder product(UUID productId) {
        return HttpApiEvent.request("GET /products/{product_id}")
                .path("/products/" + productId)
                .pathParameters(Map.of("product_id", productId.toString()));
    }

    /** The event API Gateway passes after its JWT authorizer accepted an administrator's token. */
    private static JsonNode asAdmin(HttpApiEvent.Builder event) {
        return invoke(
                event.header("authorization", "Bearer " + TestIssuer.admin("products-admin"))
                        .header("content-type", "application/json")
                        .header("accept", "application/json")
                        .claims(HttpApiEvent.accessTokenClaims("products-admin", "openid", "[admin]"))
                        .build(),
                false);
    }

    /** One invocation: the function's payload-2.0 answer; direct ones carry a client context, as orders' do. */
    private static JsonNode invoke(HttpApiEvent event, boolean direct) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(lambdaEndpoint() + "/2015-03-31/functions/" + FUNCTION_NAME + "/invocations"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.bytes()));
        if (direct) {
            request.header("X-Amz-Client-Context", DIRECT_CLIENT_CONTEXT);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200
                    || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
                throw new IllegalStateException(
                        "invoking products failed: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("products did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, JsonNode response) {
        if (response.path("statusCode").asInt() != status) {
            throw new IllegalStateException(
                    "products answered " + response.path("statusCode").asInt() + ": "
                            + response.path("body").asText());
        }
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where this class was loaded from (target/test-classes): the invoke server's class path. */
    private static String ownClasses() {
        try {
            return Path.of(FunctionInvokeServer.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
