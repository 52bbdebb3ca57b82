package serverlessshop.orders.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.security.ShopJwtDecoders;
import serverlessshop.support.security.ShopSecurity;
import serverlessshop.support.security.ShopSecurityProperties;

/**
 * Who may do what, as orders.yaml says: every operation needs a valid access token and no group;
 * whose orders a caller may see or change is decided per order by the services (404 or 403).
 * Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the pending-releases function runs the application without a web server
@EnableConfigurationProperties(ShopSecurityProperties.class)
class OrdersSecurityConfig {

    @Bean
    SecurityFilterChain ordersSecurity(HttpSecurity http, ObjectMapper json, ShopSecurityProperties properties)
            throws Exception {
        return ShopSecurity.apply(http, ShopJwtDecoders.of(properties), new ProblemSecurityHandlers(json))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/orders").authenticated()
                        .requestMatchers(HttpMethod.GET, "/orders/*").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/orders/*").authenticated()
                        .requestMatchers(HttpMethod.GET, "/customers/*/orders").authenticated()
                        .requestMatchers(HttpMethod.GET, "/docs", "/webjars/swagger-ui/**", "/openapi/orders.yaml")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
