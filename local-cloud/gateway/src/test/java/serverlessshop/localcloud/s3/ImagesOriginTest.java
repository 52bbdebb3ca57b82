package serverlessshop.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.auth.JwtAuthorizer;
import serverlessshop.localcloud.gateway.ExchangeObserver;
import serverlessshop.localcloud.gateway.FrontDoor;
import serverlessshop.localcloud.gateway.GatewayServer;
import serverlessshop.localcloud.gateway.HttpApi;
import serverlessshop.localcloud.gateway.HttpReply;
import serverlessshop.localcloud.gateway.RouteTable;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.web.StaticSite;
import serverlessshop.localcloud.web.SwaggerUi;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The gateway's {@code /images/*}, as CloudFront's behaviour: an image size written to the bucket
 * by the SDK is served with its own Content-Type and Cache-Control; anything else is 404. Through
 * the gateway's front door too, where nothing but {@code /images/} reaches the bucket.
 */
class ImagesOriginTest {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static LocalS3 s3;
    private static ImagesOrigin images;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3Test.start(null, object -> {});
        try (S3Client client = LocalS3Test.client(s3, LocalS3Test.KEY_ID, LocalS3Test.SECRET)) {
            client.putObject(
                    b -> b.bucket(LocalS3Test.BUCKET)
                            .key("images/p/i/400.jpg")
                            .contentType("image/jpeg")
                            .cacheControl(IMMUTABLE),
                    RequestBody.fromString("jpeg bytes"));
            client.putObject(
                    b -> b.bucket(LocalS3Test.BUCKET).key("uploads/p/i").contentType("image/png"),
                    RequestBody.fromString("an upload"));
        }
        images = new ImagesOrigin(s3.store(), LocalS3Test.BUCKET);
        gateway = GatewayServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LocalIssuer issuer = new LocalIssuer("localhost:" + gateway.port());
        HttpApi api = new HttpApi(
                new JwtAuthorizer(issuer.issuerUrl(), LocalIssuer.AUDIENCES, Clock.systemUTC()),
                Map.of(),
                gateway.port());
        gateway.serve(new FrontDoor(
                RouteTable.load(Repository.routesJson()),
                api,
                null,
                issuer,
                new SwaggerUi(Repository.root().resolve("api-spec")),
                new StaticSite(Repository.root().resolve("static-site/dist")),
                ExchangeObserver.NONE,
                null,
                images)::answer);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        s3.close();
    }

    @Test
    void theGatewayServesTheSizesAndNeverTheUploads() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + gateway.port();

        HttpResponse<String> size = http.send(
                HttpRequest.newBuilder(URI.create(base + "/images/p/i/400.jpg")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(size.statusCode()).isEqualTo(200);
        assertThat(size.body()).isEqualTo("jpeg bytes");
        assertThat(size.headers().firstValue("content-type")).contains("image/jpeg");
        assertThat(size.headers().firstValue("cache-control")).contains(IMMUTABLE);

        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(URI.create(base + "/images/p/i/400.jpg"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).contains(String.valueOf("jpeg bytes".length()));

        for (String path : new String[] {"/uploads/p/i", "/images/p/i/1200.jpg", "/images/../uploads/p/i"}) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("an upload");
        }
    }

    @Test
    void anImageSizeIsServedWithItsContentTypeAndCacheControl() throws Exception {
        HttpReply get = images.handle("GET", "/images/p/i/400.jpg");

        assertThat(get.status()).isEqualTo(200);
        assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("jpeg bytes");
        assertThat(get.header("content-type")).isEqualTo("image/jpeg");
        assertThat(get.header("cache-control")).isEqualTo(IMMUTABLE);
        assertThat(get.header("etag")).startsWith("\"").endsWith("\"");
        assertThat(get.header("last-modified")).endsWith("GMT");

        HttpReply head = images.handle("HEAD", "/images/p/i/400.jpg");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-type")).isEqualTo("image/jpeg");
        assertThat(head.header("cache-control")).isEqualTo(IMMUTABLE);
    }

    @Test
    void anythingElseIsNotFound() throws Exception {
        assertThat(images.handle("GET", "/images/p/i/1200.jpg").status())
                .as("missing")
                .isEqualTo(404);
        assertThat(images.handle("GET", "/images/p/i").status())
                .as("a prefix, not an object")
                .isEqualTo(404);
        assertThat(images.handle("GET", "/images/../uploads/p/i").status())
                .as("out of images/")
                .isEqualTo(404);
        assertThat(images.handle("GET", "/images/%2E%2E/uploads/p/i").status())
                .as("encoded")
                .isEqualTo(404);
        assertThat(images.handle("GET", "/images//p/i/400.jpg").status()).isEqualTo(404);
        assertThat(images.handle("POST", "/images/p/i/400.jpg").status())
                .as("GET and HEAD only")
                .isEqualTo(404);
        assertThat(images.handle("DELETE", "/images/p/i/400.jpg").status()).isEqualTo(404);
        assertThat(ImagesOrigin.handles("/uploads/p/i"))
                .as("uploads are never served")
                .isFalse();
        assertThat(ImagesOrigin.handles("/images")).isFalse();
    }
}
