package serverlessshop.support.security;

import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Validates bearer tokens the way API Gateway's JWT authorizer does (RFC 8725): a signature by
 * the issuer's published keys (never {@code alg: none}), the issuer, the audience or Cognito's
 * {@code client_id}, the expiry, and only access tokens (Cognito marks ID tokens
 * {@code token_use: id}). Built on first use, so a cold start fetches no keys it does not need.
 */
public final class ShopJwtDecoders {

    private ShopJwtDecoders() {}

    public static JwtDecoder of(ShopSecurityProperties properties) {
        return new SupplierJwtDecoder(() -> {
            if (properties.issuer() == null
                    || properties.issuer().isBlank()
                    || properties.audiences().isEmpty()) {
                throw new IllegalStateException("shop.security.issuer and shop.security.audiences must be set");
            }
            NimbusJwtDecoder decoder = properties.jwkSetUri() != null
                            && !properties.jwkSetUri().isBlank()
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                    : (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(properties.issuer());
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(properties.issuer()),
                    audience(properties.audiences()),
                    accessTokensOnly()));
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> audience(List<String> audiences) {
        return jwt -> {
            boolean audienceMatches =
                    jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains);
            String clientId = jwt.getClaimAsString("client_id");
            boolean clientMatches = clientId != null && audiences.contains(clientId);
            return audienceMatches || clientMatches
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The token is not meant for this API (audience).", null));
        };
    }

    static OAuth2TokenValidator<Jwt> accessTokensOnly() {
        return jwt -> {
            String use = jwt.getClaimAsString("token_use");
            return use == null || use.equals("access")
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "Only access tokens are accepted, not ID tokens.", null));
        };
    }
}
