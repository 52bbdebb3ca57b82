package serverlessshop.localcloud.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import serverlessshop.localcloud.gateway.FrontDoor;

/**
 * Fills an empty catalog with a small demo catalog (seed/demo-catalog.json) through the products API
 * itself, as an administrator would: through the administrators' API (under {@code /admin}, with an
 * administrator's token), the same routes, authorizer and validation as every other request. Its
 * categories first, then its products in them. A catalog with any product in it is left alone, so
 * this runs once per database. Then, when asked ({@link #uploadImages}), each product it created gets
 * a picture the way an administrator's page uploads one: the API records the image and answers a
 * presigned POST, the file is POSTed to the bucket, and the bucket's notification has the image
 * function make its sizes.
 */
public final class CatalogSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final Callable<String> adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    /** A demo product this seeder created. */
    public record SeededProduct(String productId, String sku, String name) {}

    /** What a seeding did: the products it created (none when the catalog had products already). */
    public record Seeding(List<SeededProduct> products) {

        public int created() {
            return products.size();
        }
    }

    /**
     * @param api        the gateway, e.g. http://localhost:8080
     * @param adminToken signs in an administrator (at the administrators' issuer), only when the catalog
     *                   turns out to be empty
     */
    public CatalogSeeder(URI api, Callable<String> adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** The demo categories and products, when the catalog is empty. */
    public Seeding seedIfEmpty() throws Exception {
        HttpResponse<String> page = get("/products?limit=1");
        if (!JSON.readTree(page.body()).path("items").isEmpty()) {
            return new Seeding(List.of());
        }
        token = adminToken.call();
        JsonNode catalog = demoCatalog();
        Map<String, String> categoryIds = categories(catalog.path("categories"));
        List<SeededProduct> created = new ArrayList<>();
        for (JsonNode product : catalog.path("products")) {
            ObjectNode create = product.deepCopy();
            create.remove("categories");
            ArrayNode ids = create.putArray("category_ids");
            product.path("categories").forEach(slug -> ids.add(categoryIds.get(slug.asText())));
            HttpResponse<String> response = postJson("/products", create);
            if (response.statusCode() == 201) {
                created.add(new SeededProduct(
                        JSON.readTree(response.body()).path("product_id").asText(),
                        product.path("sku").asText(),
                        product.path("name").asText()));
            } else if (response.statusCode() != 409) { // 409: that SKU exists (an inactive product)
                throw new IOException("POST " + FrontDoor.ADMIN_PREFIX + "/products "
                        + product.path("sku").asText() + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return new Seeding(List.copyOf(created));
    }

    /** Each category's id by its slug: the existing ones, and the demo ones created where missing. */
    private Map<String, String> categories(JsonNode demo) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode category :
                JSON.readTree(get("/categories?limit=100").body()).path("items")) {
            ids.put(category.path("slug").asText(), category.path("category_id").asText());
        }
        for (JsonNode category : demo) {
            String slug = category.path("slug").asText();
            if (ids.containsKey(slug)) {
                continue;
            }
            HttpResponse<String> response = postJson("/categories", category);
            if (response.statusCode() != 201) {
                throw new IOException("POST " + FrontDoor.ADMIN_PREFIX + "/categories " + slug + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            ids.put(slug, JSON.readTree(response.body()).path("category_id").asText());
        }
        return ids;
    }

    /**
     * A picture for each product the seeding created, uploaded as the administrators' page uploads one.
     *
     * @return how many files the bucket took (their sizes are made afterwards, by the image function)
     */
    public int uploadImages(Seeding seeding) throws Exception {
        int uploaded = 0;
        for (SeededProduct product : seeding.products()) {
            byte[] png = DemoImages.png(product.sku());
            ObjectNode declared = JSON.createObjectNode()
                    .put("content_type", DemoImages.CONTENT_TYPE)
                    .put("content_length", png.length)
                    .put("alt", product.name());
            String path = "/products/" + URLEncoder.encode(product.productId(), StandardCharsets.UTF_8) + "/images";
            HttpResponse<String> recorded = postJson(path, declared);
            if (recorded.statusCode() != 201) {
                throw new IOException("POST " + FrontDoor.ADMIN_PREFIX + path + " answered " + recorded.statusCode()
                        + ": " + recorded.body());
            }
            JsonNode upload = JSON.readTree(recorded.body()).path("upload");
            HttpResponse<String> stored =
                    FormUpload.post(http, upload, png, "demo.png", api.getScheme() + "://" + api.getAuthority());
            if (stored.statusCode() / 100 != 2) {
                throw new IOException("the upload of " + product.sku() + "'s image answered " + stored.statusCode()
                        + ": " + stored.body());
            }
            uploaded++;
        }
        return uploaded;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(api.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private HttpResponse<String> postJson(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(api.resolve(FrontDoor.ADMIN_PREFIX + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode demoCatalog() throws IOException {
        try (InputStream in = CatalogSeeder.class.getResourceAsStream("/seed/demo-catalog.json")) {
            if (in == null) {
                throw new IOException("seed/demo-catalog.json is missing from the class path");
            }
            return JSON.readTree(in);
        }
    }
}
