package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.fuzz.FuzzCase;
import serverlessshop.support.testing.fuzz.FuzzSettings;
import serverlessshop.support.testing.fuzz.FuzzVerdicts;
import serverlessshop.support.testing.fuzz.InvalidRequests;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * A sample of the handler suites' generated bad input (see {@link InvalidRequests}), sent over HTTP
 * through the local gateway of a running stack with a token that may call each operation: what a
 * client's bad request meets on its way (the gateway's parsing, routing and authorizer, the payload
 * 2.0 conversion, the function). No 5xx, and every refusal of a function a declared problem+json;
 * the gateway's own refusals ({@code {"message": ...}}, as API Gateway's) need only not be a 5xx.
 * What was written is checked at the handler level, where the stores are at hand.
 */
class GatewayBadInputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES_PER_OPERATION = FuzzSettings.cases(40);
    /** Headers the JDK client sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private static RunningLocalCloud stack;
    private static String admin;
    private static String machine;
    private static String customer;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningLocalCloud.start();
        admin = stack.adminIssuer().signIn("admin-a");
        customer = stack.issuer().signIn("customer-a");
        machine = stack.issuer()
                .clientCredentials(
                        LocalIssuer.ORDERS_CLIENT, LocalIssuer.ORDERS_CLIENT_SECRET, LocalIssuer.STOCK_SCOPE);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void badInputThroughTheGatewayIsRefusedCleanly() throws Exception {
        long seed = FuzzSettings.seed();
        HttpResponse<String> created = stack.send(
                "POST",
                "/admin/products",
                admin,
                "{\"sku\":\"GWFUZZ-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"name\":\"Lamp\",\"price\":2.00,\"stock_quantity\":100000}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String product = JSON.readTree(created.body()).path("product_id").asText();
        HttpResponse<String> placed = stack.send(
                "POST",
                "/orders",
                customer,
                "{\"items\":[{\"product_id\":\"" + product
                        + "\",\"quantity\":1}],\"shipping_address\":{\"street\":\"1 Way\",\"city\":\"Town\",\"zip_code\":\"12345\","
                        + "\"country\":\"US\"}}",
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String order = JSON.readTree(placed.body()).path("order_id").asText();

        int notSendable = 0;
        int dropped = 0;
        for (String contractName : new String[] {"products", "orders"}) {
            InvalidRequests generator = InvalidRequests.forContract(contractName);
            FuzzVerdicts verdicts = new FuzzVerdicts(
                    contractName + " through the gateway", ContractValidator.forContract(contractName), seed);
            for (InvalidRequests.Target target : generator.operations()) {
                String token = tokenFor(target.operationId());
                String examplePath =
                        target.pathTemplate().replaceAll("\\{[^}]+}", "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60");
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    FuzzCase fuzzCase = generator.generate(
                            target,
                            seed + i,
                            request -> request.withPath("product_id", product)
                                    .withPath("order_id", order)
                                    .withPath("customer_id", "customer-a")
                                    .withBodyValue("/items/0/product_id", TextNode.valueOf(product))
                                    .withHeader(
                                            "Idempotency-Key", UUID.randomUUID().toString()));
                    // An administrator's operations through the administrators' API, where their token counts.
                    HttpRequest request = toHttp(fuzzCase, token, token == admin ? "/admin" : "");
                    if (request == null) {
                        notSendable++;
                        continue;
                    }
                    HttpApiResponse response;
                    try {
                        response = answer(stack.send(request));
                    } catch (java.io.IOException e) {
                        // Reported, not judged here: the gateway answers every request it can read, one it
                        // cannot with a JSON 400 (GatewayMalformedRequestTest holds it to that).
                        dropped++;
                        System.out.println("gateway fuzz: the connection was closed without an answer ("
                                + e.getMessage() + ") to " + fuzzCase);
                        continue;
                    }
                    if (isGatewaysOwn(response)) {
                        if (response.statusCode() >= 500) {
                            verdicts.fail(
                                    fuzzCase, "the gateway answered " + response.statusCode() + ": " + response.body());
                        }
                        continue;
                    }
                    verdicts.judge(fuzzCase, examplePath, response);
                }
            }
            verdicts.assertNoFailures();
        }
        System.out.println("gateway fuzz: " + dropped + " requests the local gateway dropped without an answer");
        System.out.println("gateway fuzz: " + notSendable + " cases the JDK HTTP client cannot send (header names or"
                + " values outside what HTTP allows) were left to the handler suites");
    }

    private static String tokenFor(String operationId) {
        return switch (operationId) {
            case "listProducts", "getProduct" -> null;
            case "createProduct", "updateProduct", "deleteProduct" -> admin;
            case "reserveStock", "getReservation", "confirmReservation", "releaseReservation" -> machine;
            default -> customer;
        };
    }

    /**
     * The case as an HTTP request under the API's prefix, or null when no HTTP client could send it (the
     * handler suites have it).
     */
    private static HttpRequest toHttp(FuzzCase fuzzCase, String token, String prefix) {
        try {
            String query = fuzzCase.rawQuery().isEmpty() ? "" : "?" + fuzzCase.rawQuery();
            byte[] body = fuzzCase.body() == null
                    ? null
                    : fuzzCase.base64()
                            ? Base64.getDecoder().decode(fuzzCase.body())
                            : fuzzCase.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(stack.base() + prefix + fuzzCase.rawPath() + query))
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            fuzzCase.method(),
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean authorization = false;
            for (Map.Entry<String, String> header : fuzzCase.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!RESTRICTED.contains(name)) {
                    request.header(header.getKey(), header.getValue());
                    authorization |= name.equals("authorization");
                }
            }
            if (token != null && !authorization) {
                request.header("Authorization", "Bearer " + token);
            }
            return request.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static HttpApiResponse answer(HttpResponse<String> response) {
        ObjectNode json = JSON.createObjectNode();
        json.put("statusCode", response.statusCode());
        ObjectNode headers = json.putObject("headers");
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
        json.put("body", response.body());
        json.put("isBase64Encoded", false);
        return new HttpApiResponse(json);
    }

    /** API Gateway's own answers (no route, no or a refused token, too large) are {"message": ...}, not problems. */
    private static boolean isGatewaysOwn(HttpApiResponse response) {
        String body = response.body();
        return body != null && body.startsWith("{\"message\":");
    }
}
