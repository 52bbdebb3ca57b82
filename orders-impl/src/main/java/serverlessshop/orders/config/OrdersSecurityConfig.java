package serverlessshop.orders.config;

import static serverlessshop.support.security.ShopAuthorities.SHOPPER;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.security.ShopSecurity;

/**
 * Who may do what, as orders.yaml says: every operation needs a valid access token with the scope
 * {@code shop/orders}, which only the shop's own sign-in is granted (a client-credentials token is not
 * a customer), and no group;
 * whose orders a caller may see or change is decided per order by the services (404 or 403).
 * Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the pending-releases function runs the application without a web server
class OrdersSecurityConfig {

    @Bean
    SecurityFilterChain ordersSecurity(
            HttpSecurity http, JwtIssuerAuthenticationManagerResolver issuers, ProblemSecurityHandlers problems)
            throws Exception {
        return ShopSecurity.apply(http, issuers, problems)
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/orders")
                        .hasAuthority(SHOPPER)
                        .requestMatchers(HttpMethod.GET, "/orders/*")
                        .hasAuthority(SHOPPER)
                        .requestMatchers(HttpMethod.PUT, "/orders/*")
                        .hasAuthority(SHOPPER)
                        .requestMatchers(HttpMethod.GET, "/customers/*/orders")
                        .hasAuthority(SHOPPER)
                        .requestMatchers(HttpMethod.GET, "/docs", "/webjars/swagger-ui/**", "/openapi/orders.yaml")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .build();
    }
}
