package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * The bad inputs the fuzzing ({@link BadInputFuzzTest}) found answered with a 5xx, a bare 502, a
 * problem that broke the contract, or a 2xx, each pinned down: every one is now a 400 problem+json
 * that conforms to the contract and names what is wrong.
 */
@ExtendWith(TestDatabase.class)
class BadInputRegressionTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final Map<String, String> ADMIN =
            HttpApiEvent.accessTokenClaims("admin-regression", "openid shop/orders", "[admin]");
    /** Not claims: the stock operations are served to the orders function's direct invocations. */
    private static final Map<String, String> DIRECT = Map.of();

    private static final String PRODUCT_BODY = "{\"sku\":\"REG-%s\",\"name\":\"Lamp\",\"price\":1.50%s}";

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void aCursorThatDecodesToJsonNullIsABadCursorNotA500() {
        // base64url of "null": Cursors got no map and dereferenced it
        HttpApiResponse response = send("GET /products", "/products", Map.of(), "cursor=bnVsbA", Map.of(), null, null);

        assertValidationFailed(response, "cursor");
    }

    @Test
    void aHeaderValueWithControlCharactersIsA400NotA500() {
        // Spring Security's firewall refused it by throwing, which ended as an unexpected 500
        // Reading a body makes Spring read every header, and the firewall refuses this one's name
        HttpApiResponse response = send(
                "POST /products",
                "/products",
                Map.of(),
                "",
                Map.of("content-type", "application/json", "x-\u00e9\u0000", "v"),
                PRODUCT_BODY.formatted(unique(), ""),
                ADMIN);

        assertProblem(response, 400, "BAD_REQUEST");
    }

    @Test
    void aContentTypeThatIsNotAMediaTypeIsA400ProblemNotTheContainersBare502() {
        HttpApiResponse response = send(
                "POST /products",
                "/products",
                Map.of(),
                "",
                Map.of("content-type", ";;;"),
                PRODUCT_BODY.formatted(unique(), ""),
                ADMIN);

        assertProblem(response, 400, "BAD_REQUEST");
    }

    @Test
    void aContentLengthThatIsNotANumberIsA400ProblemNotA500() {
        // The body limit asks the container for the length, which parses the header as a number.
        HttpApiResponse response =
                send("GET /products", "/products", Map.of(), "", Map.of("content-length", "abc"), null, null);

        assertProblem(response, 400, "BAD_REQUEST");
    }

    @Test
    void anAcceptThatIsNotAMediaTypeIsA400ProblemNotA406WithoutBody() {
        HttpApiResponse response = send(
                "GET /products", "/products", Map.of(), "", Map.of("accept", "application/json;q=abc"), null, null);

        assertProblem(response, 400, "BAD_REQUEST");
    }

    @Test
    void anExplicitNullStockQuantityIsRefusedNotA500() {
        // absent means the default 0; null reached the NOT NULL column
        HttpApiResponse response = send(
                "POST /products",
                "/products",
                Map.of(),
                "",
                json(),
                PRODUCT_BODY.formatted(unique(), ",\"stock_quantity\":null"),
                ADMIN);

        assertValidationFailed(response, "stock_quantity");
    }

    @Test
    void aNumberWhereTheContractWantsAStringIsRefusedNotTakenAsText() {
        HttpApiResponse response = send(
                "POST /products",
                "/products",
                Map.of(),
                "",
                json(),
                "{\"sku\":12345,\"name\":\"Lamp\",\"price\":1.50}",
                ADMIN);

        assertValidationFailed(response, "sku");
    }

    @Test
    void aUuidThatIsNotInCanonicalFormIsRefusedNotAnAliasOfAnother() {
        // UUID.fromString takes 1-1-1-1-1 as 00000001-0001-0001-0001-000000000001 and made a reservation
        HttpApiResponse response = send(
                "POST /products/stock-reservations/{reservation_id}/confirm",
                "/products/stock-reservations/1-1-1-1-1/confirm",
                Map.of("reservation_id", "1-1-1-1-1"),
                "",
                Map.of(),
                null,
                DIRECT);

        assertValidationFailed(response, "reservation_id");
    }

    @Test
    void theProblemOfAHugePathStaysWithinTheContractsLimitForInstance() {
        String id = "a".repeat(5000);
        HttpApiResponse response = send(
                "GET /products/{product_id}", "/products/" + id, Map.of("product_id", id), "", Map.of(), null, null);

        assertValidationFailed(response, "product_id");
        assertThat(response.bodyJson().path("instance").asText()).hasSizeLessThanOrEqualTo(2048);
    }

    @Test
    void anUnknownFieldWithALongOrControlCharacterNameIsNamedWithinTheContractsLimitsInUtf8() {
        String name = "\u0000" + "x".repeat(300);
        HttpApiResponse response = send(
                "POST /products",
                "/products",
                Map.of(),
                "",
                json(),
                PRODUCT_BODY.formatted(unique(), ",\"" + "\\u0000" + "x".repeat(300) + "\":1"),
                ADMIN);

        assertProblem(response, 400, "VALIDATION_FAILED");
        String field = response.bodyJson().path("errors").get(0).path("field").asText();
        assertThat(field).hasSizeLessThanOrEqualTo(200).doesNotContain("\u0000").startsWith("\uFFFD" + "xxx");
        assertThat(name).startsWith("\u0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "image/png", "application/problem+xml"})
    void anAcceptWithoutJsonIsA406ProblemNotA406WithoutBody(String accept) {
        // Spring refused it with no body at all; the contract now declares the problem
        HttpApiResponse response =
                send("GET /products", "/products", Map.of(), "", Map.of("accept", accept), null, null);

        assertProblem(response, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void anAcceptThatAdmitsJsonAmongOthersIsServed() {
        HttpApiResponse response = send(
                "GET /products",
                "/products",
                Map.of(),
                "",
                Map.of("accept", "text/html, application/json;q=0.5"),
                null,
                null);

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "active=%00&active=%00",
                "active=true&active=false",
                "q=lamp&q=desk",
                "limit=5&limit=5",
                "cursor=abc&cursor=abc"
            })
    void aQueryParameterGivenTwiceIsA400NamingItNotOneValueChosen(String query) {
        HttpApiResponse response = send("GET /products", "/products", Map.of(), query, Map.of(), null, ADMIN);

        assertValidationFailed(response, query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=", "limit", "cursor=", "q=", "active="})
    void anEmptyQueryParameterIsA400NamingItNotTakenAsAbsent(String query) {
        HttpApiResponse response = send("GET /products", "/products", Map.of(), query, Map.of(), null, ADMIN);

        assertValidationFailed(response, query.replace("=", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%D9%A1", "%2B5", "%205", "5%20", "0x10", "%2310", "05", "1e1", "5.0"})
    void anIntegerParameterIsAsciiDigitsOnly(String limit) {
        // Integer.parseInt takes Arabic-Indic digits and a plus sign, Spring's NumberUtils hex and spaces
        HttpApiResponse response = send("GET /products", "/products", Map.of(), "limit=" + limit, Map.of(), null, null);

        assertValidationFailed(response, "limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "off", "1", "0", "TRUE", "False", "%20true"})
    void aBooleanParameterIsTrueOrFalseOnly(String active) {
        // Spring's own String-to-Boolean conversion takes all of these
        HttpApiResponse response =
                send("GET /products", "/products", Map.of(), "active=" + active, Map.of(), null, ADMIN);

        assertValidationFailed(response, "active");
    }

    @Test
    void parametersInTheContractsFormAreServed() {
        HttpApiResponse response =
                send("GET /products", "/products", Map.of(), "limit=5&active=false&q=lamp", Map.of(), null, ADMIN);

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aCursorWhosePositionWasChangedIsA400NamingItNotAPageFromThere() {
        for (int i = 0; i < 2; i++) {
            send("POST /products", "/products", Map.of(), "", json(), PRODUCT_BODY.formatted(unique(), ""), ADMIN);
        }
        String cursor = send("GET /products", "/products", Map.of(), "limit=1", Map.of(), null, ADMIN)
                .bodyJson()
                .path("next_cursor")
                .asText();
        assertThat(send("GET /products", "/products", Map.of(), "limit=1&cursor=" + cursor, Map.of(), null, ADMIN)
                        .statusCode())
                .as("the cursor as the service made it")
                .isEqualTo(200);
        // The position is JSON behind the signature: one character of its last value changed
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length - 3] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        HttpApiResponse response =
                send("GET /products", "/products", Map.of(), "limit=1&cursor=" + tampered, Map.of(), null, ADMIN);

        assertValidationFailed(response, "cursor");
    }

    private static HttpApiResponse send(
            String routeKey,
            String rawPath,
            Map<String, String> pathParameters,
            String rawQuery,
            Map<String, String> headers,
            String body,
            Map<String, String> claims) {
        Map<String, String> all = new HashMap<>(Map.of("accept", "application/json"));
        all.putAll(headers);
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(rawPath)
                .pathParameters(pathParameters)
                .query(rawQuery)
                .headers(all)
                .claims(claims == DIRECT ? null : claims);
        HttpApiEvent built = (body == null ? event : event.body(body)).build();
        // A real token behind the claims, in Authorization, as API Gateway passes it on: the function verifies it.
        HttpApiResponse response = claims == DIRECT
                ? ProductsFunction.invokeDirectly(built)
                : ProductsFunction.invoke(TestIssuer.signed(built));
        String examplePath = routeKey.substring(routeKey.indexOf(' ') + 1)
                .replaceAll("\\{[^}]+}", "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60");
        CONTRACT.assertConforms(routeKey.substring(0, routeKey.indexOf(' ')), examplePath, response.toSimpleResponse());
        return response;
    }

    private static void assertValidationFailed(HttpApiResponse response, String field) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        JsonNode errors = response.bodyJson().path("errors");
        assertThat(errors.findValuesAsText("field")).contains(field);
    }

    private static void assertProblem(HttpApiResponse response, int status, String code) {
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.bodyJson().path("code").asText()).isEqualTo(code);
    }

    private static Map<String, String> json() {
        return Map.of("content-type", "application/json");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }
}
