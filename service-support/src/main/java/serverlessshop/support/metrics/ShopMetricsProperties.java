package serverlessshop.support.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services' business metrics.
 *
 * @param namespace the CloudWatch namespace of every metric the services emit
 */
@ConfigurationProperties("shop.metrics")
public record ShopMetricsProperties(
        @DefaultValue("ServerlessShop") String namespace) {}
