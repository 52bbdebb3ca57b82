package serverlessshop.products.config;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static serverlessshop.support.security.ShopAuthorities.ADMIN;
import static serverlessshop.support.security.ShopAuthorities.SHOPPER;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import serverlessshop.products.stock.DirectInvocationOnlyFilter;
import serverlessshop.support.FilterOrder;
import serverlessshop.support.lambda.DirectInvocation;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.security.ShopSecurity;

/**
 * Who may do what, as products.yaml says: the catalog and its categories are public to read,
 * changing them needs the {@code shop/orders} scope of the shop's sign-in and the {@code admin}
 * group, which only a token of the administrators' issuer carries ({@code ShopIssuers}), stock reservations are for direct
 * invocations only (the orders function, which IAM alone lets invoke this one;
 * {@link DirectInvocationOnlyFilter} answers 404 to anyone else). Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the sweep function runs the application without a web server
class ProductsSecurityConfig {

    /** Before Spring Security, so that a public request for a stock operation gets 404, not 401. */
    @Bean
    FilterRegistrationBean<DirectInvocationOnlyFilter> directInvocationOnlyFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new DirectInvocationOnlyFilter(json));
        registration.setOrder(FilterOrder.DIRECT_INVOCATION_ONLY);
        return registration;
    }

    /** An administrator signed in to the shop: a client's token with group claims is not one. */
    private static final AuthorizationManager<RequestAuthorizationContext> SHOP_ADMIN =
            AuthorizationManagers.allOf(hasAuthority(SHOPPER), hasAuthority(ADMIN));

    @Bean
    SecurityFilterChain productsSecurity(
            HttpSecurity http, JwtIssuerAuthenticationManagerResolver issuers, ProblemSecurityHandlers problems)
            throws Exception {
        return ShopSecurity.apply(http, issuers, problems)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/products/stock-reservations/**")
                        // IAM authorized the invocation; the filter lets nothing else through, and this says so again.
                        .access((authentication, context) ->
                                new AuthorizationDecision(DirectInvocation.is(context.getRequest())))
                        .requestMatchers(HttpMethod.GET, "/products", "/products/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/products")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/products/*")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/products/*")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/categories", "/categories/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/categories")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/categories/*")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/categories/*")
                        .access(SHOP_ADMIN)
                        // Every image operation is an administrator's: shoppers get images within products.
                        .requestMatchers("/products/*/images", "/products/*/images/*")
                        .access(SHOP_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/docs", "/webjars/swagger-ui/**", "/openapi/products.yaml")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .build();
    }
}
