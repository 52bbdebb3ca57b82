package serverlessshop.products.testing;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the image tests: S3Proxy, in this JVM, on an in-memory blob store,
 * checking SigV4 signatures with its own credentials. Started once per test JVM with the image bucket.
 *
 * <p>The service's S3 client finds it as in a local run: the SDK reads the endpoint
 * ({@code aws.endpointUrlS3}, the system property of {@code AWS_ENDPOINT_URL_S3}) and the credentials
 * ({@code aws.accessKeyId}, {@code aws.secretAccessKey}) itself. They are set for the whole JVM: the
 * client is built on first use, after any temporary properties of a test would be gone.
 */
public final class TestImageStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BUCKET = "shop-images-test";
    public static final String REGION = "eu-west-1";
    private static final String ACCESS_KEY = "test-images-access-key";
    private static final String SECRET_KEY = "test-images-secret-key";

    private static S3Proxy server;
    private static S3Client client;

    /** The Spring properties of a products context that uses this store. */
    public static synchronized Map<String, String> properties() {
        start();
        return Map.of(
                "shop.images.bucket", BUCKET,
                "shop.images.path-style", "true",
                "shop.images.region", REGION);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(properties()).applyTo(context);
    }

    /** A client of the store for the tests' own looks and writes, as the bucket's owner. */
    public static synchronized S3Client client() {
        start();
        return client;
    }

    public static synchronized URI endpoint() {
        start();
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public static String accessKey() {
        return ACCESS_KEY;
    }

    public static String secretKey() {
        return SECRET_KEY;
    }

    private static void start() {
        if (server != null) {
            return;
        }
        try {
            Properties properties = new Properties();
            properties.setProperty("s3proxy.identity", ACCESS_KEY);
            properties.setProperty("s3proxy.credential", SECRET_KEY);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient", properties))
                    .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .stopTimeout(0)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            server = proxy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        System.setProperty("aws.endpointUrlS3", endpoint.toString());
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(request -> request.bucket(BUCKET));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("could not stop S3Proxy: " + e);
            }
        }));
    }
}
