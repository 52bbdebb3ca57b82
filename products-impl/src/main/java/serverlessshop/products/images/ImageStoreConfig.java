package serverlessshop.products.images;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of the image store, built once per Lambda instance, on first use: most requests of
 * the products function never touch the store, so its cold start does not pay for the client. The
 * JDK's HTTP client (the only one on the class path), the region read at start, the function role's
 * credentials through the SDK's default chain (the environment Lambda sets comes first). The
 * endpoint is S3's unless {@code AWS_ENDPOINT_URL_S3} names another, which the SDK reads itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImagesProperties.class)
class ImageStoreConfig {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @Bean(destroyMethod = "close")
    @Lazy
    S3Client imageStoreClient(ImagesProperties properties) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT))
                .region(Region.of(properties.requiredRegion()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(properties.pathStyle())
                .build();
    }
}
