package serverlessshop.orders.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.support.timing.HandlerTiming;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code make bench} only ({@code SHOP_BENCH_TIMING=true}): DynamoDB's round trips count as downstream
 * time, so that the handler's own overhead can be told apart (see {@link HandlerTiming}); the calls to
 * the products API are timed by {@link ProductsClientConfig}. The SDK's marshalling, signing and
 * retries' waits stay in the handler's own time: they are the function's work, not DynamoDB's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shop.bench.timing", havingValue = "true")
class BenchTimingConfig {

    @Bean
    ExecutionInterceptor dynamoDbRoundTrips() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                HandlerTiming.downstreamStarts();
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                HandlerTiming.downstreamEnded();
            }
        };
    }
}
