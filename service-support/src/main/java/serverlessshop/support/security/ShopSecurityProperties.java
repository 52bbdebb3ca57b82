package serverlessshop.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who issues the tokens a service accepts, and the keys it checks them with: the shoppers' issuer
 * ({@code shop.security.*}) and the administrators' ({@code shop.security.admin.*}), a user pool of
 * their own because Cognito can require MFA only of a whole pool.
 *
 * @param issuer    the shoppers' token issuer ({@code iss}): the Cognito user pool URL, or the local issuer
 * @param jwkSet    the issuer's JWK set as JSON, delivered with the deployment ({@code SHOP_JWT_JWKS}), so
 *                  a cold start verifies tokens without a network call; empty: fetched on first use
 * @param jwkSetUri where the issuer publishes its keys, read only for a key id the delivered set does not
 *                  have (a rotated key); discovered from the issuer when absent
 * @param audiences accepted audiences: a token passes when its {@code aud} or, for Cognito access
 *                  tokens (which have no {@code aud}), its {@code client_id} is one of them
 * @param admin     the administrators' issuer: only its tokens can make an administrator; unset, nobody is one
 */
@ConfigurationProperties("shop.security")
public record ShopSecurityProperties(
        String issuer, String jwkSet, String jwkSetUri, List<String> audiences, Admin admin) {

    public ShopSecurityProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        admin = admin == null ? Admin.NONE : admin;
    }

    /**
     * The administrators' issuer, checked with the same rules as the shoppers'.
     *
     * @param issuer    the administrators' token issuer ({@code iss}): their Cognito user pool URL, or the
     *                  local administrators' issuer; unset, no token is an administrator's
     * @param jwkSet    the administrators' issuer's JWK set as JSON, delivered with the deployment
     *                  ({@code SHOP_ADMIN_JWT_JWKS}); empty: fetched on first use
     * @param jwkSetUri where the administrators' issuer publishes its keys, read only for a key id the
     *                  delivered set lacks; discovered from the issuer when absent
     * @param audiences accepted audiences or client ids: the administrators' sign-in client
     */
    public record Admin(String issuer, String jwkSet, String jwkSetUri, List<String> audiences) {

        public static final Admin NONE = new Admin(null, null, null, null);

        public Admin {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }

        public boolean configured() {
            return issuer != null && !issuer.isBlank();
        }
    }
}
