package serverlessshop.bench.timing;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.products.client.ApiClient;

/**
 * The downstream calls that Spring beans make, timed from outside the services' code: every JDBC call
 * of a data source (products) and every call of the products API's generated client (orders). Found
 * by Spring Boot in this jar only while the bench has put it on a function's class path.
 */
@AutoConfiguration
public class TimingAutoConfiguration {

    @Bean
    static BeanPostProcessor timedDataSources() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? TimedJdbc.dataSource(dataSource) : bean;
            }
        };
    }

    /** Apart, so that a function without the products client never loads its class. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ApiClient.class)
    static class ProductsCalls {

        /**
         * The round trip to products, from the request leaving to its response's headers: what the
         * old in-service timing measured. The client's own interceptors keep running, first on the way
         * out and last on the way back; the API object takes them from the client when it is created,
         * after this.
         */
        @Bean
        static BeanPostProcessor timedProductsCalls() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof ApiClient client) {
                        Consumer<HttpRequest.Builder> request = client.getRequestInterceptor();
                        Consumer<HttpResponse<InputStream>> response = client.getResponseInterceptor();
                        client.setRequestInterceptor(builder -> {
                            if (request != null) {
                                request.accept(builder);
                            }
                            InvocationTiming.downstreamStarts();
                        });
                        client.setResponseInterceptor(received -> {
                            InvocationTiming.downstreamEnded();
                            if (response != null) {
                                response.accept(received);
                            }
                        });
                    }
                    return bean;
                }
            };
        }
    }
}
