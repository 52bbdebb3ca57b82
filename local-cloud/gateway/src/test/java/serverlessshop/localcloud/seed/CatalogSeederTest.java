package serverlessshop.localcloud.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.s3.CreatedObject;
import serverlessshop.localcloud.s3.FormPost;
import serverlessshop.localcloud.s3.LocalS3;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The seeder against a stand-in of the products API (the administrators' API for the writes) and
 * the real local S3 server for the uploads: an empty catalog gets the demo categories, the products
 * in them and, afterwards, a picture each, uploaded through the presigned POST the API answers.
 */
class CatalogSeederTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "images";
    private static final String KEY_ID = "AKIALOCALPRODUCTS001";
    private static final String SECRET = "products-secret";

    private HttpServer api;
    private LocalS3 s3;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<CreatedObject> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger signIns = new AtomicInteger();

    private URI fakeProductsApi(String page) throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The administrators' API takes the POSTs; the catalog is read as anyone reads it.
        api.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestMethod().equals("POST")) {
                    posted.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                            + new String(body, StandardCharsets.UTF_8));
                    answer(exchange, 201, created(path, JSON.readTree(body)));
                } else {
                    answer(exchange, 200, path.equals("/categories") ? "{\"items\":[]}" : page);
                }
            }
        });
        api.start();
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    /** What the API answers a creation: the document with its id, or an image's presigned POST. */
    private String created(String path, JsonNode body) {
        String id = UUID.randomUUID().toString();
        if (path.equals("/admin/categories")) {
            return ((ObjectNode) body).put("category_id", id).toString();
        }
        if (path.equals("/admin/products")) {
            return ((ObjectNode) body).put("product_id", id).toString();
        }
        String productId = path.split("/")[3];
        String key = "uploads/" + productId + "/" + id;
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("image")
                .put("image_id", id)
                .put("status", "pending")
                .put("alt", body.path("alt").asText());
        ObjectNode upload = answer.putObject("upload");
        upload.put("url", s3.endpoint() + "/" + BUCKET);
        upload.put("expires_at", Instant.now().plusSeconds(600).toString());
        ArrayNode fields = upload.putArray("fields");
        FormPost.fields(
                        KEY_ID,
                        SECRET,
                        BUCKET,
                        key,
                        body.path("content_type").asText(),
                        body.path("content_length").asLong(),
                        Instant.now().plusSeconds(600))
                .forEach((name, value) -> fields.addObject().put("name", name).put("value", value));
        return answer.toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.stop(0);
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private CatalogSeeder seeder(URI uri) {
        return new CatalogSeeder(uri, () -> "admin-token-" + signIns.incrementAndGet());
    }

    @Test
    void anEmptyCatalogGetsTheDemoCategoriesAndProductsAsAnAdministratorThroughTheAdministratorsApi() throws Exception {
        CatalogSeeder.Seeding seeding =
                seeder(fakeProductsApi("{\"items\":[]}")).seedIfEmpty();

        JsonNode catalog = CatalogSeeder.demoCatalog();
        assertThat(seeding.created()).isEqualTo(catalog.path("products").size());
        assertThat(posted)
                .hasSize(catalog.path("categories").size() + seeding.created())
                .allSatisfy(post -> assertThat(post).startsWith("/admin/").contains(" Bearer admin-token-1 {"));
        assertThat(posted.subList(0, catalog.path("categories").size()))
                .allSatisfy(post -> assertThat(post).startsWith("/admin/categories "));
        assertThat(posted.subList(catalog.path("categories").size(), posted.size()))
                .allSatisfy(post -> assertThat(post)
                        .startsWith("/admin/products ")
                        .doesNotContain("\"categories\"")
                        .containsPattern("\"category_ids\":\\[\"[0-9a-f-]{36}\""));
        assertThat(signIns).hasValue(1);
    }

    @Test
    void eachSeededProductGetsAPictureUploadedThroughItsPresignedPost() throws Exception {
        s3 = LocalS3.start(
                0,
                null,
                BUCKET,
                List.of(),
                key -> key.equals(KEY_ID) ? Optional.of(SECRET) : Optional.empty(),
                stored::add);
        CatalogSeeder seeder = seeder(fakeProductsApi("{\"items\":[]}"));
        CatalogSeeder.Seeding seeding = seeder.seedIfEmpty();
        posted.clear();

        int uploaded = seeder.uploadImages(seeding);

        assertThat(uploaded).isEqualTo(seeding.created());
        assertThat(posted)
                .hasSize(seeding.created())
                .allSatisfy(post -> assertThat(post)
                        .matches("/admin/products/[0-9a-f-]{36}/images Bearer admin-token-1 \\{.*")
                        .contains("\"content_type\":\"image/png\""));
        assertThat(stored).hasSize(seeding.created()).allSatisfy(object -> {
            assertThat(object.eventName()).isEqualTo("ObjectCreated:Post");
            assertThat(object.key()).startsWith("uploads/");
            HeadObjectResponse head = s3.store().blobMetadata(BUCKET, object.key());
            assertThat(head.contentType()).isEqualTo("image/png");
        });
        byte[] first = s3.store().getBlob(BUCKET, stored.getFirst().key()).readAllBytes();
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(first));
        assertThat(picture.getWidth()).as("wide enough for both sizes").isEqualTo(1200);
        assertThat(picture.getHeight()).isEqualTo(900);
    }

    @Test
    void aCatalogWithProductsIsLeftAlone() throws Exception {
        CatalogSeeder.Seeding seeding =
                seeder(fakeProductsApi("{\"items\":[{\"sku\":\"X\"}]}")).seedIfEmpty();
        assertThat(seeding.created()).isZero();
        assertThat(posted).isEmpty();
        assertThat(signIns).as("no sign-in needed").hasValue(0);
    }

    @Test
    void everyProductHasAPictureOfItsOwn() throws Exception {
        Set<String> pictures = new HashSet<>();
        for (JsonNode product : CatalogSeeder.demoCatalog().path("products")) {
            byte[] png = DemoImages.png(product.path("sku").asText());
            assertThat(png.length).as("small").isLessThan(512 * 1024);
            assertThat(png).isEqualTo(DemoImages.png(product.path("sku").asText()));
            pictures.add(java.util.HexFormat.of().formatHex(png));
        }
        assertThat(pictures)
                .hasSize(CatalogSeeder.demoCatalog().path("products").size());
    }

    /** The demo products are valid ProductCreate documents of products.yaml, in the demo categories. */
    @Test
    void theDemoCatalogIsASmallValidCatalog() throws Exception {
        JsonNode catalog = CatalogSeeder.demoCatalog();
        Set<String> slugs = new HashSet<>();
        for (JsonNode category : catalog.path("categories")) {
            assertThat(category.path("slug").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(category.path("name").asText()).isNotBlank();
            assertThat(slugs.add(category.path("slug").asText()))
                    .as("unique slug")
                    .isTrue();
        }
        assertThat(slugs).hasSizeBetween(3, 8);
        JsonNode products = catalog.path("products");
        assertThat(products.size()).isBetween(8, 12);
        Set<String> skus = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (JsonNode product : products) {
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
            assertThat(product.path("categories")).isNotEmpty();
            product.path("categories").forEach(slug -> {
                assertThat(slugs).contains(slug.asText());
                used.add(slug.asText());
            });
            Set<String> fields = new HashSet<>();
            product.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .isSubsetOf("sku", "name", "description", "price", "stock_quantity", "is_active", "categories");
        }
        assertThat(used).as("every category has products").isEqualTo(slugs);
    }
}
