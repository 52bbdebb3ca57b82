package serverlessshop.localcloud.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import serverlessshop.localcloud.seed.DemoImages;
import serverlessshop.localcloud.seed.FormUpload;
import serverlessshop.localcloud.verify.Tokens.Token;

/**
 * WRITE=1: browsing and pictures on data of its own. An administrator creates a category and a
 * product in it, the category lists it, a picture of it goes the whole way (the presigned POST to the
 * image store, the image function, the sizes served on the shop's origin), and everything is deleted
 * again, whatever failed.
 */
final class CatalogChecks {

    /** The image function's cold start in Lambda, its decode and its writes, with room to spare. */
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    private final CheckRun run;
    private final Credentials credentials;
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String categoryId;
    private String slug;
    private String productId;
    private String imageId;
    private boolean productDeleted;
    private boolean categoryDeleted;

    CatalogChecks(CheckRun run, Credentials credentials, String deployment) {
        this.run = run;
        this.credentials = credentials;
        URI base = URI.create(deployment);
        this.origin = base.getScheme() + "://" + base.getAuthority();
    }

    void run() {
        try {
            browsing();
            picture();
            deleteAll();
        } finally {
            cleanUp();
        }
    }

    private void browsing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        run.check("an administrator creates a category", probe -> {
            Token admin = credentials.admin(probe);
            Answer created = probe.expect(
                    Call.send("POST", "/categories", """
                            {"slug": "verify-%s", "name": "Verification category"}""".formatted(suffix)).asAdministrator(admin.value()), 201);
            categoryId = created.json().path("category_id").asText(null);
            slug = created.json().path("slug").asText(null);
            probe.require(categoryId != null && slug != null, "no category_id or slug", created);
        });
        run.check("an administrator creates a product in it", probe -> {
            requireCategory(probe);
            Token admin = credentials.admin(probe);
            Answer created = probe.expect(
                    Call.send("POST", "/products", """
                            {"sku": "VERIFY-CAT-%s", "name": "Verification picture", "price": 7.50,
                             "stock_quantity": 1, "is_active": true, "category_ids": ["%s"]}""".formatted(suffix.toUpperCase(), categoryId))
                            .asAdministrator(admin.value()),
                    201);
            productId = created.json().path("product_id").asText(null);
            probe.require(productId != null, "no product_id", created);
        });
        run.check("the category lists exactly its product", probe -> {
            requireProduct(probe);
            Answer page = probe.expect(Call.get("/products?category=" + ReadChecks.encode(slug)), 200);
            List<String> listed = new ArrayList<>();
            page.json()
                    .path("items")
                    .forEach(item -> listed.add(item.path("product_id").asText()));
            probe.require(listed.equals(List.of(productId)), "category=" + slug + " listed " + listed, page);
        });
    }

    private void picture() {
        run.check("an administrator uploads a picture straight to the image store (presigned POST)", probe -> {
            requireProduct(probe);
            Token admin = credentials.admin(probe);
            byte[] png = DemoImages.png("VERIFY-" + productId);
            Answer created = probe.expect(
                    Call.send("POST", "/products/" + productId + "/images", """
                            {"content_type": "%s", "content_length": %d}""".formatted(
                                            DemoImages.CONTENT_TYPE, png.length))
                            .asAdministrator(admin.value()),
                    201);
            imageId = created.json().path("image").path("image_id").asText(null);
            probe.require(imageId != null, "no image_id", created);
            HttpResponse<String> stored =
                    FormUpload.post(http, created.json().path("upload"), png, "verify.png", origin);
            probe.require(
                    stored.statusCode() / 100 == 2,
                    "the image store answered the upload " + stored.statusCode() + ": " + stored.body(),
                    created);
        });
        run.check("the image function makes its sizes: ready, 400 and 1200 pixels wide", probe -> {
            requireImage(probe);
            Token admin = credentials.admin(probe);
            Call read =
                    Call.get("/products/" + productId + "/images/" + imageId).asAdministrator(admin.value());
            Instant deadline = Instant.now().plus(PROCESSING);
            Answer image = probe.expect(read, 200);
            while ("pending".equals(image.json().path("status").asText())
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                image = probe.expect(read, 200);
            }
            probe.require(
                    "ready".equals(image.json().path("status").asText()),
                    "the image is " + image.json().path("status").asText() + " after " + PROCESSING.toSeconds() + " s: "
                            + image.json().path("problem").asText(""),
                    image);
            List<Integer> widths = new ArrayList<>();
            image.json()
                    .path("sizes")
                    .forEach(size -> widths.add(size.path("width").asInt()));
            probe.require(widths.equals(List.of(400, 1200)), "the sizes are " + widths, image);
        });
        run.check("a shopper sees the picture, served on the shop's origin and cached for ever", probe -> {
            requireImage(probe);
            Answer product = probe.expect(Call.get("/products/" + productId), 200);
            JsonNode images = product.json().path("images");
            probe.require(
                    images.size() == 1
                            && imageId.equals(images.get(0).path("image_id").asText()),
                    "the product shows " + images,
                    product);
            for (JsonNode size : images.get(0).path("sizes")) {
                Answer served = probe.expect(Call.get(size.path("url").asText()).outsideTheContracts(), 200);
                probe.require(
                        served.contentType().startsWith("image/jpeg"),
                        "expected image/jpeg, got " + served.contentType(),
                        served);
                probe.require(
                        served.header("Cache-Control").orElse("").contains("immutable"),
                        "expected an immutable Cache-Control, got "
                                + served.header("Cache-Control").orElse("none"),
                        served);
            }
        });
    }

    private void deleteAll() {
        run.check("the administrator deletes the product and its picture", probe -> {
            requireProduct(probe);
            Token admin = credentials.admin(probe);
            probe.expect(Call.send("DELETE", "/products/" + productId, null).asAdministrator(admin.value()), 204);
            productDeleted = true;
            probe.expect(Call.get("/products/" + productId), 404);
        });
        run.check("the administrator deletes the category", probe -> {
            requireCategory(probe);
            Token admin = credentials.admin(probe);
            probe.expect(Call.send("DELETE", "/categories/" + categoryId, null).asAdministrator(admin.value()), 204);
            categoryDeleted = true;
            probe.expect(Call.get("/categories/" + categoryId), 404);
        });
    }

    private void cleanUp() {
        if (productId != null && !productDeleted && credentials.admin() != null) {
            run.check("clean up: delete product " + productId, probe -> {
                Answer deleted = probe.send(Call.send("DELETE", "/products/" + productId, null)
                        .asAdministrator(credentials.admin().value()));
                probe.require(deleted.status() == 204 || deleted.status() == 404, "could not delete it", deleted);
            });
        }
        if (categoryId != null && !categoryDeleted && credentials.admin() != null) {
            run.check("clean up: delete category " + categoryId, probe -> {
                Answer deleted = probe.send(Call.send("DELETE", "/categories/" + categoryId, null)
                        .asAdministrator(credentials.admin().value()));
                probe.require(deleted.status() == 204 || deleted.status() == 404, "could not delete it", deleted);
            });
        }
    }

    private void requireCategory(CheckRun.Probe probe) {
        if (categoryId == null) {
            probe.skip("no category of its own (the category was not created)");
        }
    }

    private void requireProduct(CheckRun.Probe probe) {
        if (productId == null) {
            probe.skip("no product of its own (the product was not created)");
        }
    }

    private void requireImage(CheckRun.Probe probe) {
        if (imageId == null) {
            probe.skip("no picture of its own (the upload did not start)");
        }
    }
}
