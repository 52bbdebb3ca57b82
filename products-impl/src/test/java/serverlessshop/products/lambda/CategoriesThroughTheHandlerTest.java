package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Categories and a product's {@code category_ids} at the real Lambda handler, fed payload-2.0
 * events as API Gateway sends them (an administrator's for the writes, none for the reads).
 */
@ExtendWith(TestDatabase.class)
class CategoriesThroughTheHandlerTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");

    @Test
    void anAdministratorManagesACategoryAndAnybodyReadsIt() {
        String slug = "handler-" + unique();
        HttpApiResponse created =
                send("POST", "/categories", null, "{\"slug\":\"" + slug + "\",\"name\":\"Lamps\"}", true);
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        String id = created.bodyJson().path("category_id").asText();
        assertThat(created.header("Location")).isEqualTo("/categories/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        HttpApiResponse read = send("GET", "/categories/" + id, null, null, false);
        assertThat(read.statusCode()).as(read.toString()).isEqualTo(200);
        assertThat(read.bodyJson().path("slug").asText()).isEqualTo(slug);

        HttpApiResponse renamed =
                send("PUT", "/categories/" + id, "\"1\"", "{\"slug\":\"" + slug + "\",\"name\":\"Desk lamps\"}", true);
        assertThat(renamed.statusCode()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");

        assertThat(listedNames()).contains("Desk lamps");

        HttpApiResponse deleted = send("DELETE", "/categories/" + id, "\"2\"", null, true);
        assertThat(deleted.statusCode()).as(deleted.toString()).isEqualTo(204);
        assertThat(send("GET", "/categories/" + id, null, null, false).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aProductsCategoriesSurviveAnUpdateThatDoesNotNameThem() {
        String category = send(
                        "POST", "/categories", null, "{\"slug\":\"h-" + unique() + "\",\"name\":\"Desks\"}", true)
                .bodyJson()
                .path("category_id")
                .asText();
        String product = """
                {"sku":"H-%s","name":"Desk","price":120.00,"stock_quantity":2,"is_active":true%s}""";
        HttpApiResponse created = send(
                "POST",
                "/products",
                null,
                product.formatted(unique(), ",\"category_ids\":[\"" + category + "\"]"),
                true);
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        String id = created.bodyJson().path("product_id").asText();
        assertThat(ids(created.bodyJson())).containsExactly(category);

        HttpApiResponse updated = send("PUT", "/products/" + id, "\"1\"", product.formatted(unique(), ""), true);
        assertThat(updated.statusCode()).as(updated.toString()).isEqualTo(200);
        assertThat(ids(updated.bodyJson())).containsExactly(category);

        HttpApiResponse read = send("GET", "/products/" + id, null, null, false);
        assertThat(ids(read.bodyJson())).containsExactly(category);
    }

    private static List<String> listedNames() {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            HttpApiResponse page = send(
                    "GET", "/categories", null, null, false, "limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).as(page.toString()).isEqualTo(200);
            page.bodyJson()
                    .path("items")
                    .forEach(item -> names.add(item.path("name").asText()));
            cursor = page.bodyJson().hasNonNull("next_cursor")
                    ? page.bodyJson().path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return names;
    }

    private static List<String> ids(JsonNode product) {
        List<String> ids = new ArrayList<>();
        product.path("category_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static HttpApiResponse send(String method, String path, String ifMatch, String body, boolean admin) {
        return send(method, path, ifMatch, body, admin, null);
    }

    private static HttpApiResponse send(
            String method, String path, String ifMatch, String body, boolean admin, String query) {
        String template =
                path.replaceFirst("/[0-9a-f-]{36}$", path.startsWith("/products") ? "/{product_id}" : "/{category_id}");
        HttpApiEvent.Builder event = HttpApiEvent.request(method + " " + template)
                .path(path)
                .header("accept", "application/json, application/problem+json");
        if (!template.equals(path)) {
            String name = path.startsWith("/products") ? "product_id" : "category_id";
            event.pathParameters(Map.of(name, path.substring(path.lastIndexOf('/') + 1)));
        }
        if (query != null) {
            event.query(query);
        }
        if (ifMatch != null) {
            event.header("if-match", ifMatch);
        }
        if (body != null) {
            event.header("content-type", "application/json").body(body);
        }
        if (admin) {
            event.claims(HttpApiEvent.accessTokenClaims("admin-1", "openid shop/orders", "[admin]"));
        }
        HttpApiEvent built = event.build();
        HttpApiResponse response = ProductsFunction.invoke(admin ? TestIssuer.signed(built) : built);
        CONTRACT.assertConforms(method, path, response.toSimpleResponse());
        return response;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }
}
