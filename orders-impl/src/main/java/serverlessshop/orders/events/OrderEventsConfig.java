package serverlessshop.orders.events;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * The EventBridge client, built once, and only in the function that publishes: lazy, so that the
 * API function, which starts the same application, does not pay for it at its cold start.
 */
@Lazy
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderEventsProperties.class)
class OrderEventsConfig {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    EventBridgeClient eventBridgeClient(OrderEventsProperties properties) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        if (properties.endpoint() != null && !properties.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(properties.endpoint()));
        }
        return builder.build();
    }
}
