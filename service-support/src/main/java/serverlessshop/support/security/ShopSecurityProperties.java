package serverlessshop.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who issues the tokens a service accepts.
 *
 * @param issuer    the token issuer ({@code iss}): the Cognito user pool URL, or the local issuer
 * @param jwkSetUri where the issuer's signing keys are; discovered from the issuer when absent
 * @param audiences accepted audiences: a token passes when its {@code aud} or, for Cognito access
 *                  tokens (which have no {@code aud}), its {@code client_id} is one of them
 */
@ConfigurationProperties("shop.security")
public record ShopSecurityProperties(String issuer, String jwkSetUri, List<String> audiences) {

    public ShopSecurityProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
