package serverlessshop.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The security both services share: stateless bearer JWTs, each verified by the service itself
 * ({@link ShopJwtDecoders}), and problem+json for 401 and 403. The claims API Gateway's JWT authorizer
 * writes into the event are not read: anyone allowed to invoke the function could write them.
 * Each service adds only its own authorization rules.
 */
public final class ShopSecurity {

    private ShopSecurity() {}

    public static HttpSecurity apply(HttpSecurity http, JwtDecoder decoder, ProblemSecurityHandlers problems)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                        token, ShopAuthorities.of(token.getClaims()), token.getSubject()))))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
