package serverlessshop.support.security;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.HttpApiV2JwtAuthorizer;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request with the claims that API Gateway's JWT authorizer put into the
 * payload-format-2.0 event, after it validated the token (signature, issuer, audience, expiry,
 * scopes). The claims can only come from the event's request context, which API Gateway (or the
 * local gateway) writes and a client cannot: a request without them goes on to bearer-token
 * validation in the service.
 */
public class GatewayClaimsAuthenticationFilter extends OncePerRequestFilter {

    private static final List<String> TIME_CLAIMS = List.of("exp", "iat", "nbf", "auth_time");

    /** The validated claims of this request, or null when no JWT authorizer ran for it. */
    static HttpApiV2JwtAuthorizer authorizerOf(HttpServletRequest request) {
        if (request.getAttribute(RequestReader.HTTP_API_CONTEXT_PROPERTY)
                        instanceof HttpApiV2ProxyRequestContext context
                && context.getAuthorizer() != null
                && context.getAuthorizer().getJwtAuthorizer() != null
                && context.getAuthorizer().getJwtAuthorizer().getClaims() != null) {
            return context.getAuthorizer().getJwtAuthorizer();
        }
        return null;
    }

    /**
     * API Gateway hands over every claim as a string ({@code "exp": "1758453600"}); Spring's
     * {@link Jwt} wants the JWT time claims as instants.
     */
    static Map<String, Object> withInstants(Map<String, String> claims) {
        Map<String, Object> converted = new HashMap<>(claims);
        for (String name : TIME_CLAIMS) {
            String value = claims.get(name);
            if (value != null) {
                try {
                    converted.put(name, Instant.ofEpochSecond(Long.parseLong(value.trim())));
                } catch (NumberFormatException e) {
                    converted.remove(name); // not a NumericDate: API Gateway validated the token, so drop it
                }
            }
        }
        return converted;
    }

    static boolean isAccessToken(String tokenUse) {
        return tokenUse == null || tokenUse.equals("access");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpApiV2JwtAuthorizer authorizer = authorizerOf(request);
        // API Gateway's authorizer checks signature, issuer, audience and expiry, but not token_use: an ID
        // token of the shop's client passes it. Only access tokens may call the API, as with bearer tokens.
        if (authorizer != null
                && authorizer.getClaims().get("sub") != null
                && isAccessToken(authorizer.getClaims().get("token_use"))) {
            Map<String, Object> claims = withInstants(authorizer.getClaims());
            if (!claims.containsKey("scope") && authorizer.getScopes() != null) {
                claims.put("scope", String.join(" ", authorizer.getScopes()));
            }
            Jwt jwt = Jwt.withTokenValue("validated-by-api-gateway")
                    .header("typ", "api-gateway-claims")
                    .claims(c -> c.putAll(claims))
                    .build();
            var authentication = new JwtAuthenticationToken(jwt, ShopAuthorities.of(claims), jwt.getSubject());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
