package serverlessshop.support;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import serverlessshop.support.metrics.EmbeddedMetrics;
import serverlessshop.support.metrics.ShopMetricsProperties;

/**
 * The services' business metrics, as embedded metric format lines on standard output: namespace
 * {@code shop.metrics.namespace}, one dimension, FunctionName, the Lambda function's name (each
 * environment's functions are named apart, so are their series).
 */
@AutoConfiguration
@EnableConfigurationProperties(ShopMetricsProperties.class)
public class MetricsAutoConfiguration {

    /** Lambda sets the variable; a run outside Lambda (a test, a plain start) is "local". */
    static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

    @Bean
    @ConditionalOnMissingBean
    EmbeddedMetrics embeddedMetrics(ShopMetricsProperties properties, Environment environment) {
        String functionName = environment.getProperty(FUNCTION_NAME_VARIABLE, "local");
        return new EmbeddedMetrics(
                properties.namespace(), Map.of("FunctionName", functionName), System.out, Clock.systemUTC());
    }
}
