package serverlessshop.support;

import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import serverlessshop.support.metrics.EmbeddedMetrics;

/**
 * The services' business metrics, as embedded metric format lines on standard output: namespace
 * {@code shop.metrics.namespace} (ServerlessShop unless set), one dimension, FunctionName, the
 * Lambda function's name (each environment's functions are named apart, so are their series).
 */
@AutoConfiguration
public class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmbeddedMetrics embeddedMetrics(@Value("${shop.metrics.namespace:ServerlessShop}") String namespace,
                                    @Value("${AWS_LAMBDA_FUNCTION_NAME:local}") String functionName) {
        return new EmbeddedMetrics(namespace, Map.of("FunctionName", functionName), System.out, Clock.systemUTC());
    }
}
