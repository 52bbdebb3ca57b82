package serverlessshop.training;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for the training's requests, signed with keys made for the training, whose public
 * halves the function is given as a deployment gives it the user pools' ({@code shop.security.jwk-set},
 * {@code shop.security.admin.jwk-set}): one issuer for shoppers, one for administrators, as deployed.
 * The function verifies every request's token itself, so the training must send real ones: then the
 * cache holds the classes of that verification, the path every request of a signed-in user takes.
 */
public final class TrainingTokens {

    private final Issuer shoppers = new Issuer("https://issuer.training.invalid", "training-site", "training");
    private final Issuer administrators =
            new Issuer("https://admin-issuer.training.invalid", "training-admin-site", "training-admin");

    /** Makes the keys and configures the function to accept their tokens; before the function starts. */
    public TrainingTokens() {
        shoppers.configure("shop.security");
        administrators.configure("shop.security.admin");
    }

    /** The Authorization header of a shopper's token with these claims (as API Gateway passes them: strings, "[a b]"). */
    public String bearer(Map<String, String> claims) {
        return shoppers.bearer(claims);
    }

    /** The same of an administrator's token, which only the administrators' issuer signs. */
    public String administratorBearer(Map<String, String> claims) {
        return administrators.bearer(claims);
    }

    private static final class Issuer {

        private final String url;
        private final String client;
        private final RSAKey key;

        Issuer(String url, String client, String keyId) {
            this.url = url;
            this.client = client;
            try {
                key = new RSAKeyGenerator(2048).keyID(keyId).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        void configure(String prefix) {
            System.setProperty(prefix + ".issuer", url);
            System.setProperty(prefix + ".jwk-set", new JWKSet(key.toPublicJWK()).toString());
            System.setProperty(prefix + ".audiences", client);
        }

        String bearer(Map<String, String> claims) {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                    .issuer(url)
                    .subject(claims.get("sub"))
                    .claim("client_id", client)
                    .claim("token_use", "access")
                    .claim("scope", claims.getOrDefault("scope", ""))
                    .issueTime(new Date())
                    .expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
            String groups = claims.get("cognito:groups");
            if (groups != null) {
                set.claim(
                        "cognito:groups",
                        List.of(groups.replaceAll("[\\[\\]]", "").trim().split("\\s+")));
            }
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    set.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return "Bearer " + jwt.serialize();
        }
    }
}
