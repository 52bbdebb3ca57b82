package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.AuthorizationTable;
import serverlessshop.support.testing.ContractOperations;
import serverlessshop.support.testing.ContractOperations.ExampleRequest;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Every operation of products.yaml x every kind of caller, at the real Lambda handler, fed
 * payload-2.0 events: each caller's token in the {@code Authorization} header with the authorizer
 * claims that go with it, as API Gateway passes it on, including the tokens API Gateway would refuse
 * and events with forged claims, since anyone allowed to invoke the function can send those directly.
 * The function verifies the token itself: every cell is sent. Expected statuses come from the
 * contract's security (scopes) and {@code x-required-groups}; every cell acts on a resource of its
 * own, so no cell depends on another.
 */
@ExtendWith(TestDatabase.class)
class HandlerAuthorizationMatrixTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final TestCaller ADMIN = TestCaller.ADMIN;

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void everyCallerGetsWhatTheContractAllowsAndNoMore() {
        AuthorizationTable table =
                new AuthorizationTable("products: authorization at the Lambda handler (" + TestDatabase.ENGINE + ")");
        ContractOperations.examples("products").forEach(operation -> {
            for (TestCaller caller : TestCaller.values()) {
                cell(table, operation, caller);
            }
        });
        table.assertAllAsExpected();
    }

    @Test
    void anAdministratorsIdTokenIsRefused() {
        // API Gateway's authorizer does not check token_use; the function does, on the token itself.
        Map<String, String> idTokenClaims = TestCaller.ID_TOKEN.eventClaims();
        assertThat(idTokenClaims).containsEntry("token_use", "id").containsEntry("cognito:groups", "[admin]");

        HttpApiResponse response = send(requestFor("createProduct"), TestCaller.ID_TOKEN);

        assertThat(response.statusCode()).as(response.toString()).isEqualTo(401);
        assertThat(send(requestFor("createProduct"), ADMIN).statusCode()).isEqualTo(201);
    }

    @Test
    void forgedAuthorizerClaimsProveNothing() {
        // A direct invocation can write any claims: without the token they describe, they are no caller.
        HttpApiResponse forged = send(requestFor("createProduct"), TestCaller.FORGED_CLAIMS);
        assertThat(forged.statusCode()).as(forged.toString()).isEqualTo(401);
        // Under a real customer's token, "admin" claims do not make the customer an administrator.
        HttpApiResponse overToken = send(requestFor("createProduct"), TestCaller.FORGED_OVER_TOKEN);
        assertThat(overToken.statusCode()).as(overToken.toString()).isEqualTo(403);
    }

    @Test
    void clientsCannotSetWhatTheServerOwns() {
        // Mass assignment: ids, versions and times are the server's; reserved prices are the catalog's.
        String product = createProduct();
        for (String field : new String[] {
            "\"product_id\":\"" + UUID.randomUUID() + "\"",
            "\"version\":99",
            "\"created_at\":\"2020-01-01T00:00:00Z\"",
            "\"updated_at\":\"2020-01-01T00:00:00Z\""
        }) {
            HttpApiResponse response = send(
                    request(
                            "POST /products",
                            "/products",
                            Map.of(),
                            Map.of(),
                            "{\"sku\":\"MASS-" + unique() + "\",\"name\":\"Lamp\",\"price\":1.50," + field + "}"),
                    ADMIN);
            assertThat(response.statusCode()).as(field + ": " + response).isEqualTo(400);
        }
        String reservation = UUID.randomUUID().toString();
        HttpApiResponse priced = ProductsFunction.invokeDirectly(request(
                "PUT /products/stock-reservations/{reservation_id}",
                "/products/stock-reservations/" + reservation,
                Map.of("reservation_id", reservation),
                Map.of(),
                "{\"items\":[{\"product_id\":\"" + product + "\",\"quantity\":1,\"unit_price\":0.01}]}"));
        assertThat(priced.statusCode()).as(priced.toString()).isEqualTo(400);
        HttpApiResponse read = ProductsFunction.invokeDirectly(request(
                "GET /products/stock-reservations/{reservation_id}",
                "/products/stock-reservations/" + reservation,
                Map.of("reservation_id", reservation),
                Map.of(),
                null));
        assertThat(read.statusCode()).as("the refused reservation was not made").isEqualTo(404);
    }

    private static void cell(AuthorizationTable table, ExampleRequest operation, TestCaller caller) {
        String expected = switch (caller.expectedFor(operation.access())) {
            case PASSES -> "2xx";
            case UNAUTHORIZED_401 -> "401";
            case FORBIDDEN_403 -> "403";
        };
        HttpApiEvent event = caller.event(requestFor(operation.operationId()));
        HttpApiResponse response = ProductsFunction.invoke(event);
        CONTRACT.assertConforms(event.method(), examplePath(operation), response.toSimpleResponse());
        table.record(operation.operationId(), caller, expected, response.statusCode(), response.toString());
    }

    /** A request of the operation on a resource made for this cell alone. */
    private static HttpApiEvent requestFor(String operationId) {
        return switch (operationId) {
            case "listProducts" -> request("GET /products", "/products", Map.of(), Map.of(), null);
            case "getProduct" -> {
                String id = createProduct();
                yield request(
                        "GET /products/{product_id}", "/products/" + id, Map.of("product_id", id), Map.of(), null);
            }
            case "createProduct" ->
                request(
                        "POST /products",
                        "/products",
                        Map.of(),
                        Map.of(),
                        "{\"sku\":\"AUTHZ-" + unique() + "\",\"name\":\"Lamp\",\"price\":1.50,\"stock_quantity\":5}");
            case "updateProduct" -> {
                String id = createProduct();
                yield request(
                        "PUT /products/{product_id}",
                        "/products/" + id,
                        Map.of("product_id", id),
                        Map.of("if-match", "\"1\""),
                        "{\"sku\":\"AUTHZ-" + unique()
                                + "\",\"name\":\"Lamp\",\"price\":2.50,\"stock_quantity\":5,\"is_active\":true}");
            }
            case "deleteProduct" -> {
                String id = createProduct();
                yield request(
                        "DELETE /products/{product_id}", "/products/" + id, Map.of("product_id", id), Map.of(), null);
            }
            case "listCategories" -> request("GET /categories", "/categories", Map.of(), Map.of(), null);
            case "getCategory" -> {
                String id = createCategory();
                yield request(
                        "GET /categories/{category_id}",
                        "/categories/" + id,
                        Map.of("category_id", id),
                        Map.of(),
                        null);
            }
            case "createCategory" ->
                request(
                        "POST /categories",
                        "/categories",
                        Map.of(),
                        Map.of(),
                        "{\"slug\":\"authz-" + unique().toLowerCase(Locale.ROOT) + "\",\"name\":\"Lighting\"}");
            case "updateCategory" -> {
                String id = createCategory();
                yield request(
                        "PUT /categories/{category_id}",
                        "/categories/" + id,
                        Map.of("category_id", id),
                        Map.of("if-match", "\"1\""),
                        "{\"slug\":\"authz-" + unique().toLowerCase(Locale.ROOT) + "\",\"name\":\"Lamps\"}");
            }
            case "deleteCategory" -> {
                String id = createCategory();
                yield request(
                        "DELETE /categories/{category_id}",
                        "/categories/" + id,
                        Map.of("category_id", id),
                        Map.of(),
                        null);
            }
            case "createProductImage" -> imageUploadFor(createProduct());
            case "getProductImage", "deleteProductImage" -> {
                String id = createProduct();
                String image = createImage(id);
                yield request(
                        (operationId.startsWith("get") ? "GET" : "DELETE")
                                + " /products/{product_id}/images/{image_id}",
                        "/products/" + id + "/images/" + image,
                        Map.of("product_id", id, "image_id", image),
                        Map.of(),
                        null);
            }
            default -> throw new IllegalStateException("no request for " + operationId + ": add it to the matrix");
        };
    }

    private static String createProduct() {
        HttpApiResponse created = send(requestFor("createProduct"), ADMIN);
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        return created.bodyJson().path("product_id").asText();
    }

    private static String createCategory() {
        HttpApiResponse created = send(requestFor("createCategory"), ADMIN);
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        return created.bodyJson().path("category_id").asText();
    }

    private static String createImage(String product) {
        HttpApiResponse created = send(imageUploadFor(product), ADMIN);
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        return created.bodyJson().path("image").path("image_id").asText();
    }

    private static HttpApiEvent imageUploadFor(String product) {
        return request(
                "POST /products/{product_id}/images",
                "/products/" + product + "/images",
                Map.of("product_id", product),
                Map.of(),
                "{\"content_type\":\"image/jpeg\",\"content_length\":1000}");
    }

    private static HttpApiEvent request(
            String routeKey,
            String rawPath,
            Map<String, String> pathParameters,
            Map<String, String> headers,
            String body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("accept", "application/json, application/problem+json");
        if (body != null) {
            all.put("content-type", "application/json");
        }
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(rawPath)
                .pathParameters(pathParameters)
                .headers(all);
        return (body == null ? event : event.body(body)).build();
    }

    private static HttpApiResponse send(HttpApiEvent event, TestCaller caller) {
        return ProductsFunction.invoke(caller.event(event));
    }

    private static String examplePath(ExampleRequest operation) {
        return operation.path();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
