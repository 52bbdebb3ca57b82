package serverlessshop.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * The security both services share: stateless bearer JWTs, trusted gateway claims first, and
 * problem+json for 401 and 403. Each service adds only its own authorization rules.
 */
public final class ShopSecurity {

    private ShopSecurity() {}

    public static HttpSecurity apply(HttpSecurity http, JwtDecoder decoder, ProblemSecurityHandlers problems)
            throws Exception {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        // The gateway already validated this request's token: do not validate (and fetch keys) again.
        BearerTokenResolver resolver = (HttpServletRequest request) ->
                GatewayClaimsAuthenticationFilter.authorizerOf(request) != null ? null : bearer.resolve(request);
        return http.csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new GatewayClaimsAuthenticationFilter(), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(resolver)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                        token, ShopAuthorities.of(token.getClaims()), token.getSubject()))))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
