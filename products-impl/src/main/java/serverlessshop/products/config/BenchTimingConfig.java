package serverlessshop.products.config;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.support.timing.HandlerTiming;
import serverlessshop.support.timing.TimedJdbc;

/**
 * {@code make bench} only ({@code SHOP_BENCH_TIMING=true}): the time spent in the database counts as
 * downstream time, so that the handler's own overhead can be told apart (see {@link HandlerTiming}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shop.bench.timing", havingValue = "true")
class BenchTimingConfig {

    @Bean
    static BeanPostProcessor timedDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? TimedJdbc.dataSource(dataSource) : bean;
            }
        };
    }
}
