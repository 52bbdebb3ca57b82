package serverlessshop.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * The security both services share: stateless bearer JWTs, each verified by the service itself
 * against the issuer it names, the shoppers' or the administrators' ({@link ShopIssuers}), and
 * problem+json for 401 and 403. The claims API Gateway's JWT authorizer writes into the event are
 * not read: anyone allowed to invoke the function could write them. Each service adds only its own
 * authorization rules.
 */
public final class ShopSecurity {

    private ShopSecurity() {}

    public static HttpSecurity apply(
            HttpSecurity http, JwtIssuerAuthenticationManagerResolver issuers, ProblemSecurityHandlers problems)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // No session to end: a bearer token is not logged out of. Its filter matched every request
                // against POST /logout for nothing.
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .authenticationManagerResolver(issuers))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
