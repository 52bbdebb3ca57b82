package serverlessshop.orders.events;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import serverlessshop.orders.config.AwsClients;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

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
        return AwsClients.build(EventBridgeClient.builder(), properties.region(), properties.endpoint(), CALL_TIMEOUT);
    }
}
