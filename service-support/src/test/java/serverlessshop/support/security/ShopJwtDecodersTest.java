package serverlessshop.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import serverlessshop.support.testing.TestIssuer;

/**
 * The functions verify tokens with the keys delivered at deploy time, and ask the issuer for its
 * published keys only for a key id those lack.
 */
class ShopJwtDecodersTest {

    /** Nothing listens here: a decoder that tried to fetch keys from it would fail. */
    private static final String UNREACHABLE = "http://127.0.0.1:9/jwks";

    private static final List<String> AUDIENCES = List.of(TestIssuer.AUDIENCE);

    @Test
    void verifiesWithTheDeliveredKeysWithoutAskingTheIssuer() {
        JwtDecoder decoder = ShopJwtDecoders.of(
                new ShopSecurityProperties(TestIssuer.issuer(), TestIssuer.jwkSet(), UNREACHABLE, AUDIENCES, null));

        assertThat(decoder.decode(TestIssuer.customer("customer-a")).getSubject())
                .isEqualTo("customer-a");
    }

    @Test
    void fetchesThePublishedKeysForAKeyIdTheDeliveredSetLacks() throws JOSEException {
        // The issuer rotated its keys after the deployment: the delivered set has only an older key.
        String older = new JWKSet(rsaKey("older-key").toPublicJWK()).toString();
        JwtDecoder decoder = ShopJwtDecoders.of(
                new ShopSecurityProperties(TestIssuer.issuer(), older, TestIssuer.jwksUri(), AUDIENCES, null));

        assertThat(decoder.decode(TestIssuer.customer("customer-a")).getSubject())
                .isEqualTo("customer-a");
    }

    @Test
    void refusesATokenSignedWithAKeyNobodyPublishedEveryTime() throws JOSEException {
        JwtDecoder decoder = ShopJwtDecoders.of(new ShopSecurityProperties(
                TestIssuer.issuer(), TestIssuer.jwkSet(), TestIssuer.jwksUri(), AUDIENCES, null));
        String forged = signedWith(rsaKey("made-up-key"), TestIssuer.issuer());

        // The second attempt comes within the refresh's rate limit: still a refused token (401), not an error.
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aDeliveredKeySetThatIsNotOneStopsTheService() {
        JwtDecoder decoder = ShopJwtDecoders.of(
                new ShopSecurityProperties(TestIssuer.issuer(), "{\"keys\": 42}", UNREACHABLE, AUDIENCES, null));

        assertThatThrownBy(() -> decoder.decode(TestIssuer.customer("customer-a")))
                .hasStackTraceContaining("shop.security.jwk-set is not a JWK set");
    }

    @Test
    void theDeliveredSetKeepsOnlyPublicKeys() throws JOSEException {
        String withPrivate = new JWKSet(rsaKey("k")).toString(false);

        assertThat(ShopJwtDecoders.delivered("shop.security", withPrivate).getKeys())
                .singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    private static RSAKey rsaKey(String keyId) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(keyId).generate();
    }

    private static String signedWith(RSAKey key, String issuer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("admin-a")
                        .claim("client_id", TestIssuer.AUDIENCE)
                        .claim("token_use", "access")
                        .claim("scope", "shop/orders")
                        .claim("cognito:groups", List.of("admin"))
                        .expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
