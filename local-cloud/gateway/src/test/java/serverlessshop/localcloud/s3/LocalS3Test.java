package serverlessshop.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The images bucket's S3 server over HTTP, as the browser and the functions' SDK reach it: a
 * browser's form POST of a presigned upload, its policy enforced, the object kept in files across a
 * restart; requests signed with a function's key and refused with any other; the CORS preflight of
 * the site's origin.
 */
class LocalS3Test {

    static final String BUCKET = "shop-images";
    static final String KEY_ID = "AKIALOCALPRODUCTS001";
    static final String SECRET = "products-secret";
    static final String SITE = "http://localhost:8080";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] FILE = "\u0089PNG not really, but bytes".getBytes(StandardCharsets.ISO_8859_1);

    private final List<CreatedObject> created = new CopyOnWriteArrayList<>();
    private LocalS3 s3;

    static LocalS3 start(Path directory, java.util.function.Consumer<CreatedObject> created) throws Exception {
        return LocalS3.start(
                0,
                directory,
                BUCKET,
                List.of(SITE),
                key -> key.equals(KEY_ID) ? Optional.of(SECRET) : Optional.empty(),
                created);
    }

    static S3Client client(LocalS3 s3, String keyId, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aBrowsersFormPostOfAPresignedUploadIsStoredInFilesThatOutliveARestart(@TempDir Path data) throws Exception {
        s3 = start(data, created::add);
        String key = "uploads/0192f1a4-6c1e/0192f1a4-9d2e";
        Map<String, String> form = FormPost.fields(
                KEY_ID, SECRET, BUCKET, key, "image/png", 1000, Instant.now().plusSeconds(600));

        HttpResponse<String> answer = FormPost.post(s3.endpoint() + "/" + BUCKET, form, FILE, SITE);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(answer.headers().firstValue("access-control-allow-origin")).contains(SITE);
        assertThat(created).singleElement().satisfies(object -> {
            assertThat(object.eventName()).isEqualTo("ObjectCreated:Post");
            assertThat(object.bucket()).isEqualTo(BUCKET);
            assertThat(object.key()).isEqualTo(key);
            assertThat(object.size()).isEqualTo(FILE.length);
        });
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .as("kept in files under the data folder")
                    .anyMatch(file -> file.endsWith("0192f1a4-9d2e"));
        }

        s3.close();
        s3 = start(data, created::add);
        try (S3Client client = client(s3, KEY_ID, SECRET)) {
            ResponseBytes<GetObjectResponse> object =
                    client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
            assertThat(object.asByteArray()).isEqualTo(FILE);
            assertThat(object.response().contentType()).isEqualTo("image/png");
        }
    }

    @Test
    void aFormPostOutsideItsPolicyStoresNothing(@TempDir Path data) throws Exception {
        s3 = start(data, created::add);
        String key = "uploads/p/i";
        String bucketUrl = s3.endpoint() + "/" + BUCKET;
        Map<String, String> png = FormPost.fields(
                KEY_ID, SECRET, BUCKET, key, "image/png", 1000, Instant.now().plusSeconds(600));

        Map<String, String> otherType = new java.util.LinkedHashMap<>(png);
        otherType.put("Content-Type", "text/html");
        assertThat(FormPost.post(bucketUrl, otherType, FILE, SITE).statusCode())
                .as("Content-Type other than the policy's")
                .isEqualTo(403);
        Map<String, String> otherKey = new java.util.LinkedHashMap<>(png);
        otherKey.put("key", "images/p/i/400.jpg");
        assertThat(FormPost.post(bucketUrl, otherKey, FILE, SITE).statusCode())
                .as("a key other than the policy's")
                .isEqualTo(403);
        Map<String, String> small = FormPost.fields(
                KEY_ID, SECRET, BUCKET, key, "image/png", 4, Instant.now().plusSeconds(600));
        assertThat(FormPost.post(bucketUrl, small, FILE, SITE).statusCode())
                .as("a file over the content-length-range")
                .isEqualTo(400);
        Map<String, String> expired = FormPost.fields(
                KEY_ID, SECRET, BUCKET, key, "image/png", 1000, Instant.now().minusSeconds(1));
        assertThat(FormPost.post(bucketUrl, expired, FILE, SITE).statusCode())
                .as("expired")
                .isEqualTo(403);
        Map<String, String> forged = FormPost.fields(
                KEY_ID,
                "not-the-secret",
                BUCKET,
                key,
                "image/png",
                1000,
                Instant.now().plusSeconds(600));
        assertThat(FormPost.post(bucketUrl, forged, FILE, SITE).statusCode())
                .as("signed with another secret")
                .isEqualTo(403);
        Map<String, String> unknown = FormPost.fields(
                "AKIAUNKNOWN000000001",
                SECRET,
                BUCKET,
                key,
                "image/png",
                1000,
                Instant.now().plusSeconds(600));
        assertThat(FormPost.post(bucketUrl, unknown, FILE, SITE).statusCode())
                .as("an unknown key")
                .isEqualTo(403);

        assertThat(created).isEmpty();
        assertThat(s3.store().blobExists(BUCKET, key)).isFalse();
    }

    @Test
    void theSdkSignsWithAFunctionsKeyAndAnyOtherKeyIsRefused(@TempDir Path data) throws Exception {
        s3 = start(data, created::add);
        try (S3Client products = client(s3, KEY_ID, SECRET);
                S3Client stranger = client(s3, "AKIAUNKNOWN000000001", SECRET);
                S3Client forger = client(s3, KEY_ID, "guessed")) {
            products.putObject(
                    b -> b.bucket(BUCKET).key("images/p/i/400.jpg").contentType("image/jpeg"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(FILE));
            assertThat(created)
                    .singleElement()
                    .extracting(CreatedObject::eventName)
                    .isEqualTo("ObjectCreated:Put");

            assertThatThrownBy(() ->
                            stranger.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/p/i/400.jpg")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(
                            () -> forger.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/p/i/400.jpg")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + BUCKET + "/images/p/i/400.jpg"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("unsigned").isEqualTo(403);
    }

    @Test
    void theSitesOriginMayPostAcrossOriginsAndNoOtherMay(@TempDir Path data) throws Exception {
        s3 = start(data, created::add);

        HttpResponse<String> site = preflight(SITE, "POST");
        assertThat(site.statusCode()).isEqualTo(200);
        assertThat(site.headers().firstValue("access-control-allow-origin")).contains(SITE);
        assertThat(site.headers().firstValue("access-control-allow-methods"))
                .hasValueSatisfying(methods -> assertThat(methods).contains("POST"));

        assertThat(preflight("https://elsewhere.example", "POST").headers().firstValue("access-control-allow-origin"))
                .isEmpty();
        assertThat(preflight(SITE, "DELETE").headers().firstValue("access-control-allow-origin"))
                .as("only POST is shared")
                .isEmpty();
    }

    private HttpResponse<String> preflight(String origin, String method) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + BUCKET))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
