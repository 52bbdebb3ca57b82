package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Real API Gateway HTTP API events (payload format 2.0, fixtures under {@code events/}) pushed
 * through {@link StreamLambdaHandler#handleRequest}, as the Lambda runtime does, and the
 * payload-2.0 responses checked, bodies against the contract.
 *
 * <p>The claims in the fixtures are those API Gateway's JWT authorizer forwards for a Cognito access
 * token, all strings, except {@code exp}, {@code iat} and {@code auth_time}: only the disabled test
 * sends those, until service-support accepts them (see its reason).
 */
@ExtendWith(TestDatabase.class)
class StreamLambdaHandlerTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final String PROBLEM_JSON = "application/problem+json";

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void anonymousCallerListsTheCatalog() {
        HttpApiEvent event = HttpApiEvent.fixture("list-products");

        HttpApiResponse response = send(event);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.isBase64Encoded()).isFalse();
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.bodyJson().path("items").isArray()).isTrue();
    }

    @Test
    void administratorsClaimsFromTheGatewayAloneCreateAProduct() {
        HttpApiEvent event = HttpApiEvent.fixture("create-product-admin").withBodyField("sku", uniqueSku());
        assertThat(event.hasHeader("Authorization"))
                .as("the event carries no token, only the authorizer's claims")
                .isFalse();
        assertThat(event.hasAuthorizerClaims()).isTrue();

        HttpApiResponse response = send(event);

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(201);
        JsonNode product = response.bodyJson();
        assertThat(response.header("location"))
                .isEqualTo("/products/" + product.path("product_id").asText());
        assertThat(response.header("etag")).matches("\"[^\"]+\"");
        assertThat(product.path("name").asText()).isEqualTo("Desk lamp");
        assertThat(response.isBase64Encoded()).isFalse();
    }

    @Test
    void administratorsFullCognitoClaimsIncludingTokenTimesCreateAProduct() {
        HttpApiEvent event =
                HttpApiEvent.fixture("create-product-admin-with-token-times").withBodyField("sku", uniqueSku());

        HttpApiResponse response = send(event);

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("location")).startsWith("/products/");
    }

    @Test
    void aBodyOverTheLimitIs413NamingItAndCreatesNothing() {
        String sku = uniqueSku();
        HttpApiEvent valid = HttpApiEvent.fixture("create-product-admin")
                .withBodyField("sku", sku)
                .withBodyField("description", "x".repeat(5000));
        HttpApiEvent oversized = valid.withBodyField("description", "x".repeat(70 * 1024));

        HttpApiResponse refused = send(oversized);
        HttpApiResponse understated = send(oversized.withHeader("content-length", "100"));
        HttpApiResponse created = send(valid);

        for (HttpApiResponse response : new HttpApiResponse[] {refused, understated}) {
            assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
            assertThat(response.bodyJson().path("detail").asText()).contains("65536 bytes");
        }
        assertThat(created.statusCode())
                .as("the longest valid description fits: " + created)
                .isEqualTo(201);
    }

    @Test
    void customersClaimsMayNotCreateAProduct() {
        HttpApiResponse response =
                send(HttpApiEvent.fixture("create-product-customer").withBodyField("sku", uniqueSku()));

        assertProblem(response, 403, "FORBIDDEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-product-without-credentials"})
    void protectedRouteWithoutClaimsOrTokenIsUnauthorized(String fixture) {
        HttpApiEvent event = HttpApiEvent.fixture(fixture);
        assertThat(event.hasHeader("Authorization") || event.hasAuthorizerClaims())
                .isFalse();

        HttpApiResponse response = send(event);

        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aStockOperationFromApiGatewayIsNotFoundWithOrWithoutClaims() {
        for (String fixture : new String[] {"get-reservation-without-credentials", "get-reservation-machine-bad-id"}) {
            HttpApiResponse response = send(HttpApiEvent.fixture(fixture));

            assertProblem(response, 404, "NOT_FOUND");
        }
    }

    @Test
    void aDirectInvocationPassesAuthorizationToTheParameterCheck() {
        // A bad id is answered by parameter binding, after authorization: 400, not 401, 403 or 404.
        HttpApiResponse response =
                ProductsFunction.invokeDirectly(HttpApiEvent.fixture("get-reservation-machine-bad-id"));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.bodyJson().path("errors").findValuesAsText("field")).containsExactly("reservation_id");
    }

    @Test
    void badProductIdIsABadRequestNamingTheParameter() {
        HttpApiResponse response = send(HttpApiEvent.fixture("get-product-bad-id"));

        assertProblem(response, 400, "VALIDATION_FAILED");
        JsonNode error = response.bodyJson().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("product_id");
        assertThat(error.path("in").asText()).isEqualTo("path");
    }

    @Test
    void unknownRouteIsNotFound() {
        // Reaches the function only through a $default route or a direct invoke: no handler serves it.
        HttpApiResponse response = ProductsFunction.invoke(HttpApiEvent.fixture("unknown-route"));

        assertProblem(response, 404, "NOT_FOUND");
        assertIsContractProblem(response);
    }

    @Test
    void unknownRouteOutsideThePublicPathsIsRefusedBeforeRouting() {
        // The security rules end with denyAll, so a path nobody declared is refused, not looked up.
        HttpApiResponse response = ProductsFunction.invoke(HttpApiEvent.fixture("unknown-route-outside-public-paths"));

        assertProblem(response, 401, "UNAUTHORIZED");
        assertIsContractProblem(response);
    }

    @Test
    void queryStringIsHonoured() {
        send(HttpApiEvent.fixture("create-product-admin").withBodyField("sku", uniqueSku()));
        send(HttpApiEvent.fixture("create-product-admin").withBodyField("sku", uniqueSku()));

        HttpApiResponse firstPage = send(HttpApiEvent.fixture("list-products-limit-1"));
        HttpApiResponse withoutLimit = send(HttpApiEvent.fixture("list-products"));

        assertThat(firstPage.statusCode()).isEqualTo(200);
        assertThat(firstPage.bodyJson().path("items")).hasSize(1);
        assertThat(firstPage.bodyJson().path("next_cursor").asText()).isNotBlank();
        assertThat(withoutLimit.bodyJson().path("items").size()).isGreaterThan(1);
    }

    /** Sends the event and checks the answer against the contract's operation for its method and path. */
    private static HttpApiResponse send(HttpApiEvent event) {
        // As API Gateway passes it on: a real token behind the event's claims, which the function verifies.
        HttpApiResponse response = ProductsFunction.invoke(TestIssuer.signed(event));
        assertThat(response.hasBase64Flag())
                .as("payload 2.0 responses say whether the body is base64")
                .isTrue();
        CONTRACT.assertConforms(event.method(), event.rawPath(), response.toSimpleResponse());
        return response;
    }

    /**
     * The contract has no operation for a path it does not declare, but the body must still be its
     * Problem: checked as getProduct's answer, which declares 401 and 404 with that schema.
     */
    private static void assertIsContractProblem(HttpApiResponse response) {
        CONTRACT.assertConforms("GET", "/products/0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60", response.toSimpleResponse());
    }

    private static void assertProblem(HttpApiResponse response, int status, String code) {
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith(PROBLEM_JSON);
        assertThat(response.bodyJson().path("status").asInt()).isEqualTo(status);
        assertThat(response.bodyJson().path("code").asText()).isEqualTo(code);
        assertThat(response.isBase64Encoded()).isFalse();
    }

    private static String uniqueSku() {
        return "LAMP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }
}
