package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.FormUpload;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.products.testing.TestImageStore;
import serverlessshop.products.testing.TestImages;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.lambda.LambdaFunctions;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The image function as Lambda runs it: S3 event notifications (the JSON S3 sends, parsed as the Java
 * runtime does) for files really posted with the products function's presigned form to S3Proxy.
 * Product and image are made and read through the products function, with payload-2.0 events.
 */
@ExtendWith(TestDatabase.class)
class ImageUploadHandlerTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final S3Client S3 = TestImageStore.client();

    private static ImageUploadHandler images;

    @BeforeAll
    static void startFunctions() {
        // The same database and store as the products function: one deployment's two functions.
        images = LambdaFunctions.withSystemProperties(ProductsFunction.properties(), ImageUploadHandler::new);
    }

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("image/jpeg", (Supplier<byte[]>) () -> TestImages.jpeg(2000, 1500), 1500),
                Arguments.of("image/png", (Supplier<byte[]>) () -> TestImages.pngWithTransparency(1600, 800), 800),
                Arguments.of("image/webp", (Supplier<byte[]>) TestImages::webp1600x900, 900));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void anImageBecomesReadyInJpegSizesOfTheRightWidths(String contentType, Supplier<byte[]> file, int height)
            throws IOException {
        int width = contentType.equals("image/jpeg") ? 2000 : 1600;
        Upload upload = upload(contentType, file.get());

        Map<String, Object> answer = images.handleRequest(s3Event(upload.key()), context());

        assertThat(answer).containsEntry("images_ready", 1);
        JsonNode image = getImage(upload);
        assertThat(image.path("status").asText()).isEqualTo("ready");
        assertThat(image.path("sizes").findValuesAsText("width")).containsExactly("400", "1200");
        for (JsonNode size : image.path("sizes")) {
            int sizeWidth = size.path("width").asInt();
            String key = "images/" + upload.product() + "/" + upload.image() + "/" + sizeWidth + ".jpg";
            assertThat(size.path("url").asText()).isEqualTo("/" + key);
            assertThat(size.path("height").asInt()).isEqualTo(Math.round((float) height * sizeWidth / width));
            ResponseBytes<GetObjectResponse> stored = S3.getObjectAsBytes(
                    request -> request.bucket(TestImageStore.BUCKET).key(key));
            assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
            assertThat(stored.response().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
            assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(stored.asInputStream()))
                            .next()
                            .getFormatName())
                    .isEqualToIgnoringCase("jpeg");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored.asByteArray()));
            assertThat(decoded.getWidth()).isEqualTo(sizeWidth);
            assertThat(decoded.getHeight()).isEqualTo(size.path("height").asInt());
            if (contentType.equals("image/png")) {
                // Its left half is transparent: flattened onto white, not black.
                int rgb = decoded.getRGB(2, decoded.getHeight() / 2);
                assertThat(List.of((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF))
                        .allSatisfy(channel -> assertThat(channel).isGreaterThan(245));
            }
        }
        assertThat(exists(upload.key())).as("the upload is deleted").isFalse();
        assertThat(shoppersImages(upload.product())).containsExactly(upload.image());

        Map<String, Object> again = images.handleRequest(s3Event(upload.key()), context());

        assertThat(again).as("a redelivery changes nothing").containsEntry("images_ignored", 1);
        assertThat(getImage(upload)).isEqualTo(image);
    }

    @Test
    void aNarrowImageIsNeverScaledUp() {
        Upload upload = upload("image/jpeg", TestImages.jpeg(300, 200));

        images.handleRequest(s3Event(upload.key()), context());

        JsonNode sizes = getImage(upload).path("sizes");
        assertThat(sizes).hasSize(1);
        assertThat(sizes.path(0).path("width").asInt()).isEqualTo(300);
        assertThat(sizes.path(0).path("height").asInt()).isEqualTo(200);
        assertThat(sizes.path(0).path("url").asText()).endsWith("/300.jpg");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        "a text file named as an image",
                        "image/jpeg",
                        "Hello, I am not a picture.\n".getBytes(StandardCharsets.UTF_8),
                        "The file is not a JPEG, PNG or WebP image."),
                Arguments.of(
                        "a PNG declared as a JPEG",
                        "image/jpeg",
                        TestImages.pngWithTransparency(500, 500),
                        "The file is a PNG image, not the JPEG image that was declared."),
                Arguments.of(
                        "a header claiming 10,000 x 10,000 pixels",
                        "image/png",
                        TestImages.pngBomb(10_000, 10_000),
                        "The image is 10000 x 10000 pixels, more than the 40 megapixels accepted."),
                Arguments.of(
                        "a JPEG cut short",
                        "image/jpeg",
                        java.util.Arrays.copyOf(TestImages.jpeg(800, 600), 200),
                        "The file could not be read as a JPEG image: it is damaged or incomplete."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aFileThatIsNotWhatWasDeclaredIsRejectedDeletedAndNeverShown(
            String what, String contentType, byte[] file, String problem) {
        Upload upload = upload(contentType, file);

        Map<String, Object> answer = images.handleRequest(s3Event(upload.key()), context());

        assertRejected(upload, answer, problem);
    }

    @Test
    void aFileLargerThanDeclaredIsRejected() {
        // The store's policy refuses it at upload (see ProductImagesApiTest); should one get there anyway,
        // the function does not take it.
        byte[] file = TestImages.jpeg(600, 400);
        Upload upload = record("image/jpeg", 1000);
        S3.putObject(
                request ->
                        request.bucket(TestImageStore.BUCKET).key(upload.key()).contentType("image/jpeg"),
                RequestBody.fromBytes(file));

        Map<String, Object> answer = images.handleRequest(s3Event(upload.key()), context());

        assertRejected(upload, answer, "The file is " + file.length + " bytes, more than the 1000 bytes declared.");
    }

    @Test
    void anUploadOfNoKnownImageIsDeleted() {
        String key = "uploads/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        S3.putObject(request -> request.bucket(TestImageStore.BUCKET).key(key), RequestBody.fromBytes(new byte[] {1}));

        Map<String, Object> answer = images.handleRequest(s3Event(key), context());

        assertThat(answer).containsEntry("images_ignored", 1);
        assertThat(exists(key)).isFalse();
    }

    private static void assertRejected(Upload upload, Map<String, Object> answer, String problem) {
        assertThat(answer).containsEntry("images_rejected", 1);
        JsonNode image = getImage(upload);
        assertThat(image.path("status").asText()).isEqualTo("rejected");
        assertThat(image.path("problem").asText()).isEqualTo(problem);
        assertThat(image.path("sizes")).isEmpty();
        assertThat(exists(upload.key())).as("the upload is deleted").isFalse();
        for (int width : new int[] {400, 1200}) {
            assertThat(exists("images/" + upload.product() + "/" + upload.image() + "/" + width + ".jpg"))
                    .isFalse();
        }
        assertThat(shoppersImages(upload.product())).as("never shown").isEmpty();
    }

    private record Upload(String product, String image, String key) {}

    /** A product and its image recorded through the products function, and the file posted with its form. */
    private static Upload upload(String contentType, byte[] file) {
        Upload upload = record(contentType, file.length);
        HttpResponse<String> posted = FormUpload.post(lastUpload, file);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        assertThat(exists(upload.key())).isTrue();
        return upload;
    }

    private static JsonNode lastUpload;

    private static Upload record(String contentType, int length) {
        HttpApiResponse product = admin(request(
                "POST /products",
                "/products",
                Map.of(),
                "{\"sku\":\"IMG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT)
                        + "\",\"name\":\"Lamp\",\"price\":12.5}"));
        assertThat(product.statusCode()).as(product.toString()).isEqualTo(201);
        String productId = product.bodyJson().path("product_id").asText();
        HttpApiResponse created = admin(request(
                "POST /products/{product_id}/images",
                "/products/" + productId + "/images",
                Map.of("product_id", productId),
                "{\"content_type\":\"" + contentType + "\",\"content_length\":" + length + "}"));
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/products/" + productId + "/images", created.toSimpleResponse());
        lastUpload = created.bodyJson().path("upload");
        String imageId = created.bodyJson().path("image").path("image_id").asText();
        return new Upload(productId, imageId, "uploads/" + productId + "/" + imageId);
    }

    private static JsonNode getImage(Upload upload) {
        HttpApiResponse response = admin(request(
                "GET /products/{product_id}/images/{image_id}",
                "/products/" + upload.product() + "/images/" + upload.image(),
                Map.of("product_id", upload.product(), "image_id", upload.image()),
                null));
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
        CONTRACT.assertConforms(
                "GET", "/products/" + upload.product() + "/images/" + upload.image(), response.toSimpleResponse());
        return response.bodyJson();
    }

    private static List<String> shoppersImages(String product) {
        HttpApiResponse response = ProductsFunction.invoke(TestCaller.ANONYMOUS.event(
                request("GET /products/{product_id}", "/products/" + product, Map.of("product_id", product), null)));
        assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.bodyJson()
                .path("images")
                .forEach(image -> ids.add(image.path("image_id").asText()));
        return ids;
    }

    /** An S3 event notification as S3 sends it, the key URL-encoded; parsed as the Java runtime does. */
    private static Map<String, Object> s3Event(String key) {
        String event = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
                "eventTime":"2026-12-05T10:15:00.000Z","eventName":"ObjectCreated:Post",
                "s3":{"s3SchemaVersion":"1.0","configurationId":"uploads",
                "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1,"sequencer":"0055AED6DCD90281E5"}}}]}""".formatted(
                        TestImageStore.BUCKET, TestImageStore.BUCKET, URLEncoder.encode(key, StandardCharsets.UTF_8));
        try {
            return JSON.readValue(event, new TypeReference<>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.amazonaws.services.lambda.runtime.Context context() {
        return InvocationContext.of("products-images");
    }

    private static boolean exists(String key) {
        try {
            S3.headObject(request -> request.bucket(TestImageStore.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static HttpApiResponse admin(HttpApiEvent event) {
        return ProductsFunction.invoke(TestCaller.ADMIN.event(event));
    }

    private static HttpApiEvent request(
            String routeKey, String rawPath, Map<String, String> pathParameters, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("accept", "application/json, application/problem+json");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(rawPath)
                .pathParameters(pathParameters)
                .headers(headers);
        return (body == null ? event : event.body(body)).build();
    }
}
