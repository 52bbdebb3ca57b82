package serverlessshop.products.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.MutableClock;

/**
 * The products service with a clock the tests move ({@link MutableClock}) and no background
 * sweep, so that a test decides when reservations expire, and a {@link StockApi} to call it.
 * All stock tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WholeProductsService
@Import(WholeProductsServiceOnMutableClock.Fixtures.class)
@TestPropertySource(properties = "shop.reservations.sweep-enabled=false")
@interface WholeProductsServiceOnMutableClock {

    @TestConfiguration(proxyBeanMethods = false)
    class Fixtures {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }

        @Bean
        StockApi stockApi(MockMvc mvc, ObjectMapper json) {
            return new StockApi(mvc, json);
        }
    }
}
