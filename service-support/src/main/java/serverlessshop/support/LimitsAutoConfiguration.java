package serverlessshop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.ConditionalOnMissingFilterBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import serverlessshop.support.limits.RequestBodyLimitFilter;
import serverlessshop.support.limits.ShopHttpProperties;

/**
 * Limits every service applies to what a request may make it do (OWASP API4): the size of its
 * body, {@code shop.http.max-request-body}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ShopHttpProperties.class)
public class LimitsAutoConfiguration {

    @Bean
    @ConditionalOnMissingFilterBean(RequestBodyLimitFilter.class)
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            ShopHttpProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody(), json));
        registration.setOrder(FilterOrder.REQUEST_BODY_LIMIT);
        return registration;
    }
}
