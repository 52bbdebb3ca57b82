package serverlessshop.products.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.products.db.Tables.PRODUCT_IMAGES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.products.testing.FormUpload;
import serverlessshop.products.testing.TestImageStore;
import serverlessshop.products.testing.TestImages;
import serverlessshop.products.testing.WholeProductsServiceWithImages;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Product images through the API, against a real S3-compatible server (S3Proxy): the presigned
 * upload a browser would post, what the server refuses of it, what shoppers and administrators see,
 * and the files that go with a deleted image or product.
 */
@WholeProductsServiceWithImages
class ProductImagesApiTest {

    static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");
    static final String CUSTOMER = "Bearer " + TestIssuer.customer("customer-1");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    DSLContext db;

    @Autowired
    UploadedImages uploads;

    final S3Client s3 = TestImageStore.client();

    @Test
    void createRecordsAPendingImageAndAnswersItsPresignedUpload() throws Exception {
        String product = createProduct("Desk lamp");
        Instant before = Instant.now();

        JsonNode created = body(send(post("/products/" + product + "/images").header("Authorization", ADMIN), """
                        {"content_type":"image/jpeg","content_length":48211}""")
                .andExpect(status().isCreated())
                .andExpect(header().string(
                                "Location",
                                org.hamcrest.Matchers.matchesPattern(
                                        "/products/" + product + "/images/[0-9a-f-]{36}"))));

        JsonNode image = created.path("image");
        String imageId = image.path("image_id").asText();
        assertThat(image.path("status").asText()).isEqualTo("pending");
        assertThat(image.path("alt").asText())
                .as("the product's name by default")
                .isEqualTo("Desk lamp");
        assertThat(image.path("sizes")).isEmpty();
        JsonNode upload = created.path("upload");
        assertThat(upload.path("url").asText())
                .as("the bucket's URL as the client addresses it (path style here)")
                .isEqualTo(TestImageStore.endpoint() + "/" + TestImageStore.BUCKET + "/");
        List<String> names = new ArrayList<>();
        upload.path("fields").forEach(field -> names.add(field.path("name").asText()));
        assertThat(names)
                .as("the contract example's order; no session token with these credentials")
                .containsExactly(
                        "key",
                        "Content-Type",
                        "x-amz-algorithm",
                        "x-amz-credential",
                        "x-amz-date",
                        "policy",
                        "x-amz-signature");
        assertThat(field(upload, "key")).isEqualTo("uploads/" + product + "/" + imageId);
        assertThat(field(upload, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(field(upload, "x-amz-credential"))
                .matches(TestImageStore.accessKey() + "/\\d{8}/" + TestImageStore.REGION + "/s3/aws4_request");
        Instant expiresAt =
                OffsetDateTime.parse(upload.path("expires_at").asText()).toInstant();
        assertThat(expiresAt)
                .isBetween(
                        before.plus(Duration.ofMinutes(10)).minusSeconds(2),
                        Instant.now().plus(Duration.ofMinutes(10)));

        mvc.perform(get("/products/" + product + "/images/" + imageId).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("pending"));
        mvc.perform(get("/products/" + product).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(jsonPath("$.images[0].image_id").value(imageId));
    }

    @Test
    void theUploadFormWorksAgainstARealS3Server() throws Exception {
        String product = createProduct("Lamp");
        byte[] file = TestImages.jpeg(800, 600);
        JsonNode created = createImage(product, "image/jpeg", file.length, "A lamp");

        HttpResponse<String> posted = FormUpload.post(created.path("upload"), file);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        var stored = s3.headObject(
                request -> request.bucket(TestImageStore.BUCKET).key(field(created.path("upload"), "key")));
        assertThat(stored.contentLength()).isEqualTo(file.length);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
    }

    /**
     * What S3Proxy (4.1.0) enforces of a POST policy, as this test proves it: the SigV4 signature over
     * the policy (a changed policy is refused), the expiration, the exact key and Content-Type
     * conditions, and content-length-range (400 EntityTooLarge, as S3 answers it; the others 403
     * AccessDenied). Its source evaluates every eq condition the same way (bucket and the x-amz-*
     * fields too), which this does not try one by one. AWS checks all of them.
     */
    @Test
    void theStoreRefusesWhatThePolicyDoesNotAdmit() throws Exception {
        String product = createProduct("Lamp");
        byte[] file = TestImages.jpeg(64, 64);
        JsonNode upload = createImage(product, "image/jpeg", file.length, null).path("upload");
        String key = field(upload, "key");

        assertRefused(
                FormUpload.post(upload, file, fields -> with(fields, "Content-Type", "image/png")), "another type");
        byte[] larger = java.util.Arrays.copyOf(file, file.length + 1);
        HttpResponse<String> tooLarge = FormUpload.post(upload, larger);
        assertThat(tooLarge.statusCode())
                .as("more bytes than declared: S3's own answer to content-length-range, " + tooLarge.body())
                .isEqualTo(400);
        assertThat(tooLarge.body()).contains("<Code>EntityTooLarge</Code>");
        assertRefused(
                FormUpload.post(
                        upload, file, fields -> with(fields, "key", "uploads/" + product + "/" + UUID.randomUUID())),
                "another key");
        String policy = new String(Base64.getDecoder().decode(field(upload, "policy")), StandardCharsets.UTF_8);
        String widened = Base64.getEncoder()
                .encodeToString(
                        policy.replace("," + file.length + "]", ",5242880]").getBytes(StandardCharsets.UTF_8));
        assertRefused(FormUpload.post(upload, larger, fields -> with(fields, "policy", widened)), "a changed policy");

        var expired = PostPolicySigner.sign(
                new PostPolicySigner.Upload(
                        java.net.URI.create(upload.path("url").asText()),
                        TestImageStore.BUCKET,
                        key,
                        "image/jpeg",
                        file.length),
                AwsBasicCredentials.create(TestImageStore.accessKey(), TestImageStore.secretKey()),
                TestImageStore.REGION,
                Instant.now().minus(Duration.ofMinutes(11)),
                Duration.ofMinutes(10));
        assertRefused(FormUpload.post(json.valueToTree(expired), file), "an expired policy");

        assertThatThrownBy(() -> s3.headObject(
                        request -> request.bucket(TestImageStore.BUCKET).key(key)))
                .as("nothing was stored")
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(FormUpload.post(upload, file).statusCode())
                .as("the form as it was signed")
                .isEqualTo(204);
    }

    @Test
    void shoppersSeeReadyImagesOnlyAndAdministratorsSeeAllInOrder() throws Exception {
        String word = "Lumen" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        String product = createProduct(word + " lamp");
        String ready = uploadAndProcess(product, "image/jpeg", TestImages.jpeg(1600, 1000));
        String rejected = uploadAndProcess(product, "image/jpeg", "not an image".getBytes(StandardCharsets.UTF_8));
        String pending = createImage(product, "image/png", 1000, "Still coming")
                .path("image")
                .path("image_id")
                .asText();

        for (String caller : new String[] {null, CUSTOMER}) {
            JsonNode seen = body(mvc.perform(authorized(get("/products/" + product), caller))
                    .andExpect(CONTRACT.conforms())
                    .andExpect(status().isOk()));
            assertThat(ids(seen.path("images")))
                    .as("a shopper sees the ready image only")
                    .containsExactly(ready);
            JsonNode sizes = seen.path("images").path(0).path("sizes");
            assertThat(sizes.findValuesAsText("url"))
                    .containsExactly(
                            "/images/" + product + "/" + ready + "/400.jpg",
                            "/images/" + product + "/" + ready + "/1200.jpg");
            assertThat(sizes.findValuesAsText("height")).containsExactly("250", "750");
            JsonNode listed = body(mvc.perform(authorized(get("/products").param("q", word), caller))
                    .andExpect(CONTRACT.conforms())
                    .andExpect(status().isOk()));
            assertThat(ids(listed.path("items").path(0).path("images"))).containsExactly(ready);
        }

        JsonNode forAdmin = body(mvc.perform(get("/products/" + product).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms()));
        assertThat(ids(forAdmin.path("images"))).containsExactly(ready, rejected, pending);
        assertThat(forAdmin.path("images").path(1).path("status").asText()).isEqualTo("rejected");
        assertThat(forAdmin.path("images").path(1).path("problem").asText())
                .isEqualTo("The file is not a JPEG, PNG or WebP image.");
        JsonNode listedForAdmin =
                body(mvc.perform(get("/products").param("q", word).header("Authorization", ADMIN))
                        .andExpect(CONTRACT.conforms()));
        assertThat(ids(listedForAdmin.path("items").path(0).path("images"))).containsExactly(ready, rejected, pending);
    }

    @Test
    void theProductsETagChangesWithItsImages() throws Exception {
        String product = createProduct("Lamp");
        byte[] file = TestImages.jpeg(500, 500);
        JsonNode created = createImage(product, "image/jpeg", file.length, null);
        String imageId = created.path("image").path("image_id").asText();
        mvc.perform(get("/products/" + product).header("If-None-Match", "\"2\""))
                .andExpect(status().isNotModified());

        assertThat(FormUpload.post(created.path("upload"), file).statusCode()).isEqualTo(204);
        uploads.process(field(created.path("upload"), "key"));

        mvc.perform(get("/products/" + product).header("If-None-Match", "\"2\""))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.images[0].status").value("ready"));
        mvc.perform(delete("/products/" + product + "/images/" + imageId).header("Authorization", ADMIN))
                .andExpect(status().isNoContent());
        mvc.perform(get("/products/" + product))
                .andExpect(header().string("ETag", "\"4\""))
                .andExpect(jsonPath("$.images").isEmpty());
    }

    @Test
    void aProductHasAtMostTenImages() throws Exception {
        String product = createProduct("Lamp");
        for (int i = 0; i < 10; i++) {
            createImage(product, "image/webp", 100, null);
        }

        send(post("/products/" + product + "/images").header("Authorization", ADMIN), """
                        {"content_type":"image/webp","content_length":100}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TOO_MANY_IMAGES"));

        assertThat(db.fetchCount(PRODUCT_IMAGES, PRODUCT_IMAGES.PRODUCT_ID.eq(product)))
                .isEqualTo(10);
    }

    @Test
    void unknownProductsAndImagesAre404() throws Exception {
        String nobody = UUID.randomUUID().toString();
        send(post("/products/" + nobody + "/images").header("Authorization", ADMIN), """
                        {"content_type":"image/jpeg","content_length":100}""")
                .andExpect(status().isNotFound());
        assertThat(db.fetchCount(PRODUCT_IMAGES, PRODUCT_IMAGES.PRODUCT_ID.eq(nobody)))
                .isZero();

        String product = createProduct("Lamp");
        String image = UUID.randomUUID().toString();
        mvc.perform(get("/products/" + product + "/images/" + image).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound());
        mvc.perform(delete("/products/" + product + "/images/" + image).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound());
        String other = createProduct("Other lamp");
        String theirs = createImage(other, "image/jpeg", 100, null)
                .path("image")
                .path("image_id")
                .asText();
        mvc.perform(get("/products/" + product + "/images/" + theirs).header("Authorization", ADMIN))
                .andExpect(status().isNotFound());
    }

    @Test
    void badUploadRequestsAre400AndRecordNothing() throws Exception {
        String product = createProduct("Lamp");
        for (String request : new String[] {
            "{\"content_type\":\"image/gif\",\"content_length\":100}",
            "{\"content_type\":\"image/jpeg\",\"content_length\":0}",
            "{\"content_type\":\"image/jpeg\",\"content_length\":5242881}",
            "{\"content_type\":\"image/jpeg\"}",
            "{\"content_type\":\"image/jpeg\",\"content_length\":100,\"alt\":\" \"}",
            "{\"content_type\":\"image/jpeg\",\"content_length\":100,\"status\":\"ready\"}"
        }) {
            send(post("/products/" + product + "/images").header("Authorization", ADMIN), request)
                    .andExpect(status().isBadRequest());
        }
        assertThat(db.fetchCount(PRODUCT_IMAGES, PRODUCT_IMAGES.PRODUCT_ID.eq(product)))
                .isZero();
    }

    @Test
    void imagesPendingForADayGiveTheirPlacesBackAtTheNextUpload() throws Exception {
        String product = createProduct("Lamp");
        String ready = uploadAndProcess(product, "image/jpeg", TestImages.jpeg(500, 300));
        byte[] file = TestImages.jpeg(100, 100);
        JsonNode abandoned = createImage(product, "image/jpeg", file.length, null);
        String abandonedId = abandoned.path("image").path("image_id").asText();
        // Its file came, but the image function failed on it every time, after writing one size.
        assertThat(FormUpload.post(abandoned.path("upload"), file).statusCode()).isEqualTo(204);
        String halfWritten = "images/" + product + "/" + abandonedId + "/400.jpg";
        s3.putObject(request -> request.bucket(TestImageStore.BUCKET).key(halfWritten), RequestBody.fromBytes(file));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(createImage(product, "image/webp", 100, null)
                    .path("image")
                    .path("image_id")
                    .asText());
        }
        send(post("/products/" + product + "/images").header("Authorization", ADMIN), """
                        {"content_type":"image/webp","content_length":100}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TOO_MANY_IMAGES"));
        // A day and a minute later for two of them, and for the ready one (which a day does not touch).
        LocalDateTime dayAgo = LocalDateTime.now(ZoneOffset.UTC).minusDays(1).minusMinutes(1);
        db.update(PRODUCT_IMAGES)
                .set(PRODUCT_IMAGES.CREATED_AT, dayAgo)
                .where(PRODUCT_IMAGES.IMAGE_ID.in(abandonedId, others.getFirst(), ready))
                .execute();

        createImage(product, "image/webp", 100, null);

        assertThat(db.select(PRODUCT_IMAGES.IMAGE_ID)
                        .from(PRODUCT_IMAGES)
                        .where(PRODUCT_IMAGES.PRODUCT_ID.eq(product))
                        .fetch(PRODUCT_IMAGES.IMAGE_ID))
                .as("the two pending for a day are gone; the ready one and the recent pending ones stay")
                .hasSize(9)
                .contains(ready)
                .containsAll(others.subList(1, others.size()))
                .doesNotContain(abandonedId, others.getFirst());
        assertThat(exists(field(abandoned.path("upload"), "key")))
                .as("its upload")
                .isFalse();
        assertThat(exists(halfWritten))
                .as("the size written before the failure")
                .isFalse();
        assertThat(exists("images/" + product + "/" + ready + "/400.jpg"))
                .as("the ready image's size")
                .isTrue();
    }

    @Test
    void deletingAnImageDeletesItsFiles() throws Exception {
        String product = createProduct("Lamp");
        String image = uploadAndProcess(product, "image/png", TestImages.pngWithTransparency(900, 300));
        List<String> keys =
                List.of("images/" + product + "/" + image + "/400.jpg", "images/" + product + "/" + image + "/900.jpg");
        keys.forEach(key -> assertThat(exists(key)).as(key).isTrue());

        mvc.perform(delete("/products/" + product + "/images/" + image).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNoContent());

        keys.forEach(key -> assertThat(exists(key)).as(key).isFalse());
        mvc.perform(get("/products/" + product + "/images/" + image).header("Authorization", ADMIN))
                .andExpect(status().isNotFound());
    }

    @Test
    void deletingTheProductDeletesEveryImagesFiles() throws Exception {
        String product = createProduct("Lamp");
        String first = uploadAndProcess(product, "image/jpeg", TestImages.jpeg(1300, 400));
        byte[] waiting = TestImages.jpeg(100, 100);
        JsonNode pending = createImage(product, "image/jpeg", waiting.length, null);
        assertThat(FormUpload.post(pending.path("upload"), waiting).statusCode())
                .isEqualTo(204);
        List<String> keys = List.of(
                "images/" + product + "/" + first + "/400.jpg",
                "images/" + product + "/" + first + "/1200.jpg",
                field(pending.path("upload"), "key"));
        keys.forEach(key -> assertThat(exists(key)).as(key).isTrue());

        mvc.perform(delete("/products/" + product).header("Authorization", ADMIN))
                .andExpect(status().isNoContent());

        keys.forEach(key -> assertThat(exists(key)).as(key).isFalse());
        assertThat(db.fetchCount(PRODUCT_IMAGES, PRODUCT_IMAGES.PRODUCT_ID.eq(product)))
                .isZero();
    }

    private String uploadAndProcess(String product, String contentType, byte[] file) throws Exception {
        JsonNode created = createImage(product, contentType, file.length, null);
        HttpResponse<String> posted = FormUpload.post(created.path("upload"), file);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        uploads.process(field(created.path("upload"), "key"));
        return created.path("image").path("image_id").asText();
    }

    private boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(TestImageStore.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static void assertRefused(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(403);
    }

    private static java.util.Map<String, String> with(java.util.Map<String, String> fields, String name, String value) {
        fields.put(name, value);
        return fields;
    }

    private JsonNode createImage(String product, String contentType, int length, String alt) throws Exception {
        String request = "{\"content_type\":\"" + contentType + "\",\"content_length\":" + length
                + (alt == null ? "" : ",\"alt\":\"" + alt + "\"") + "}";
        return body(send(post("/products/" + product + "/images").header("Authorization", ADMIN), request)
                .andExpect(status().isCreated()));
    }

    private String createProduct(String name) throws Exception {
        String sku = "IMG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        return body(send(
                                post("/products").header("Authorization", ADMIN),
                                "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":10}")
                        .andExpect(status().isCreated()))
                .path("product_id")
                .asText();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(CONTRACT.conforms());
    }

    private static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request, String caller) {
        return caller == null ? request : request.header("Authorization", caller);
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String field(JsonNode upload, String name) {
        for (JsonNode field : upload.path("fields")) {
            if (field.path("name").asText().equals(name)) {
                return field.path("value").asText();
            }
        }
        throw new AssertionError("no field " + name + " in " + upload);
    }

    private static List<String> ids(JsonNode images) {
        List<String> ids = new ArrayList<>();
        images.forEach(image -> ids.add(image.path("image_id").asText()));
        return ids;
    }
}
