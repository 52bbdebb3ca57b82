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
 * Access tokens for the training's requests, signed with a key made for the training, whose public
 * half the function is given as a deployment gives it the user pool's ({@code shop.security.jwk-set}).
 * The function verifies every request's token itself, so the training must send real ones: then the
 * cache holds the classes of that verification, the path every request of a signed-in user takes.
 */
public final class TrainingTokens {

    private static final String ISSUER = "https://issuer.training.invalid";
    private static final String CLIENT = "training-site";

    private final RSAKey key;

    /** Makes the key and configures the function to accept its tokens; before the function starts. */
    public TrainingTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("training").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("shop.security.issuer", ISSUER);
        System.setProperty("shop.security.jwk-set", new JWKSet(key.toPublicJWK()).toString());
        System.setProperty("shop.security.audiences", CLIENT);
    }

    /** The Authorization header of a token with these claims (as API Gateway passes them: strings, "[a b]"). */
    public String bearer(Map<String, String> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(claims.get("sub"))
                .claim("client_id", CLIENT)
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
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }
}
