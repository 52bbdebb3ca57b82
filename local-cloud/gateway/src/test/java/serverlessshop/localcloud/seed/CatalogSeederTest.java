package serverlessshop.localcloud.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogSeederTest {

    private HttpServer api;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger signIns = new AtomicInteger();

    private URI fakeProductsApi(String page) throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The administrators' API takes the POSTs; the catalog is read as anyone reads it.
        api.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestMethod().equals("POST")) {
                    posted.add(exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization") + " "
                            + new String(body, StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(201, -1);
                } else {
                    byte[] answer = page.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        api.start();
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.stop(0);
        }
    }

    private CatalogSeeder seeder(URI uri) {
        return new CatalogSeeder(uri, () -> "admin-token-" + signIns.incrementAndGet());
    }

    @Test
    void anEmptyCatalogGetsTheDemoProductsAsAnAdministratorThroughTheAdministratorsApi() throws Exception {
        int created = seeder(fakeProductsApi("{\"items\":[]}")).seedIfEmpty();
        assertThat(created).isEqualTo(CatalogSeeder.demoCatalog().size());
        assertThat(posted)
                .hasSize(created)
                .allSatisfy(post -> assertThat(post).startsWith("/admin/products Bearer admin-token-1 {"));
        assertThat(signIns).hasValue(1);
    }

    @Test
    void aCatalogWithProductsIsLeftAlone() throws Exception {
        int created = seeder(fakeProductsApi("{\"items\":[{\"sku\":\"X\"}]}")).seedIfEmpty();
        assertThat(created).isZero();
        assertThat(posted).isEmpty();
        assertThat(signIns).as("no sign-in needed").hasValue(0);
    }

    /** The demo products are valid ProductCreate documents of products.yaml. */
    @Test
    void theDemoCatalogIsASmallValidCatalog() throws Exception {
        JsonNode catalog = CatalogSeeder.demoCatalog();
        assertThat(catalog.size()).isBetween(8, 12);
        Set<String> skus = new HashSet<>();
        for (JsonNode product : catalog) {
            assertThat(product.path("sku").asText())
                    .matches("[A-Za-z0-9][A-Za-z0-9._-]*")
                    .hasSizeLessThanOrEqualTo(100);
            assertThat(skus.add(product.path("sku").asText())).as("unique SKU").isTrue();
            assertThat(product.path("name").asText()).isNotBlank().hasSizeLessThanOrEqualTo(255);
            assertThat(product.path("description").asText()).isNotBlank();
            BigDecimal price = product.path("price").decimalValue();
            assertThat(price).isPositive();
            assertThat(price.stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
            assertThat(product.path("stock_quantity").asInt()).isPositive();
            assertThat(product.path("is_active").asBoolean()).isTrue();
            Set<String> fields = new HashSet<>();
            product.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSubsetOf("sku", "name", "description", "price", "stock_quantity", "is_active");
        }
    }
}
