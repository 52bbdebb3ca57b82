package serverlessshop.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who issues the tokens a service accepts, and the keys it checks them with.
 *
 * @param issuer    the token issuer ({@code iss}): the Cognito user pool URL, or the local issuer
 * @param jwkSet    the issuer's JWK set as JSON, delivered with the deployment ({@code SHOP_JWT_JWKS}), so
 *                  a cold start verifies tokens without a network call; empty: fetched on first use
 * @param jwkSetUri where the issuer publishes its keys, read only for a key id the delivered set does not
 *                  have (a rotated key); discovered from the issuer when absent
 * @param audiences accepted audiences: a token passes when its {@code aud} or, for Cognito access
 *                  tokens (which have no {@code aud}), its {@code client_id} is one of them
 */
@ConfigurationProperties("shop.security")
public record ShopSecurityProperties(String issuer, String jwkSet, String jwkSetUri, List<String> audiences) {

    public ShopSecurityProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
