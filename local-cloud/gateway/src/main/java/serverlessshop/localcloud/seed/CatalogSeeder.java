package serverlessshop.localcloud.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import serverlessshop.localcloud.gateway.FrontDoor;

/**
 * Fills an empty catalog with a small demo catalog (seed/demo-catalog.json) through the products API
 * itself, as an administrator would: through the administrators' API (under {@code /admin}, with an
 * administrator's token), the same routes, authorizer and validation as every other request. A
 * catalog with any product in it is left alone, so this runs once per database.
 */
public final class CatalogSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final Callable<String> adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param api        the gateway, e.g. http://localhost:8080
     * @param adminToken signs in an administrator (at the administrators' issuer), only when the catalog
     *                   turns out to be empty
     */
    public CatalogSeeder(URI api, Callable<String> adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** @return how many products were created (0 when the catalog had products already) */
    public int seedIfEmpty() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(api.resolve("/products?limit=1"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IOException("GET /products answered " + page.statusCode() + ": " + page.body());
        }
        if (!JSON.readTree(page.body()).path("items").isEmpty()) {
            return 0;
        }
        String token = adminToken.call();
        int created = 0;
        for (JsonNode product : demoCatalog()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(api.resolve(FrontDoor.ADMIN_PREFIX + "/products"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(product.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                created++;
            } else if (response.statusCode() != 409) { // 409: that SKU exists (an inactive product)
                throw new IOException("POST " + FrontDoor.ADMIN_PREFIX + "/products "
                        + product.path("sku").asText() + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return created;
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
