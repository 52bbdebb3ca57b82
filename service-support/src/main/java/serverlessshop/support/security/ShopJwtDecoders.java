package serverlessshop.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Verifies the bearer token of every request against one issuer (RFC 8725): a signature by one of the issuer's keys
 * (RSA only, never {@code alg: none}), the issuer, the audience or Cognito's {@code client_id}, the
 * expiry, and only access tokens (Cognito marks ID tokens {@code token_use: id}). The services trust
 * nothing API Gateway wrote into the event: whoever may invoke a function can write anything there.
 *
 * <p>The keys are the JWK set delivered with the deployment ({@code shop.security.jwk-set}), so a cold
 * start verifies a token without a network call; only a key id that set lacks (the issuer rotated its
 * keys since the deployment) sends it to the issuer's published set, cached and fetched at most once
 * per rate-limit interval, so a stream of tokens with made-up key ids cannot make it fetch for each.
 */
public final class ShopJwtDecoders {

    private static final int FETCH_TIMEOUT_MS = 2_000;
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private ShopJwtDecoders() {}

    /** The shoppers' issuer's tokens ({@code shop.security.*}). */
    public static JwtDecoder of(ShopSecurityProperties properties) {
        return of(new Trusted(
                "shop.security",
                properties.issuer(),
                properties.jwkSet(),
                properties.jwkSetUri(),
                properties.audiences()));
    }

    /** The administrators' issuer's tokens ({@code shop.security.admin.*}), checked by the same rules. */
    public static JwtDecoder of(ShopSecurityProperties.Admin admin) {
        return of(new Trusted(
                "shop.security.admin", admin.issuer(), admin.jwkSet(), admin.jwkSetUri(), admin.audiences()));
    }

    /** One issuer's settings, and the prefix of the properties they come from (for the messages). */
    record Trusted(String prefix, String issuer, String jwkSet, String jwkSetUri, List<String> audiences) {}

    private static JwtDecoder of(Trusted trusted) {
        return new SupplierJwtDecoder(() -> {
            if (trusted.issuer() == null
                    || trusted.issuer().isBlank()
                    || trusted.audiences().isEmpty()) {
                throw new IllegalStateException(
                        trusted.prefix() + ".issuer and " + trusted.prefix() + ".audiences must be set");
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(RSA, keys(trusted)));
            // Cognito's access tokens carry no "typ"; the claims are Spring's validators' to check.
            processor.setJWSTypeVerifier((type, context) -> {});
            processor.setJWTClaimsSetVerifier((claims, context) -> {});
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(trusted.issuer()),
                    audience(trusted.audiences()),
                    accessTokensOnly()));
            return decoder;
        });
    }

    /** The delivered keys first; the issuer's published keys only for a key id they do not have. */
    static JWKSource<SecurityContext> keys(Trusted trusted) {
        JWKSet delivered = delivered(trusted.prefix(), trusted.jwkSet());
        Supplier<JWKSource<SecurityContext>> published = SingletonSupplier.of(() -> published(trusted));
        return (selector, context) -> {
            List<JWK> found = selector.select(delivered);
            if (!found.isEmpty()) {
                return found;
            }
            try {
                return published.get().get(selector, context);
            } catch (RateLimitReachedException e) {
                // Fetched a moment ago and the key was not there: a key nobody published, refused as such (401).
                return List.of();
            } catch (IllegalStateException e) {
                throw new KeySourceException("the issuer's published keys could not be read", e);
            }
        };
    }

    /** The delivered JWK set, public keys only; a set that does not parse stops the service, loudly. */
    static JWKSet delivered(String prefix, String json) {
        if (json == null || json.isBlank()) {
            return new JWKSet();
        }
        try {
            return JWKSet.parse(json).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IllegalStateException(prefix + ".jwk-set is not a JWK set: " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> published(Trusted trusted) {
        // Cached for the builder's default time to live; a refresh for an unknown key id is rate-limited.
        // Nimbus's default timeouts (0.5 s) are shorter than a cold function's first TLS handshake.
        return JWKSourceBuilder.create(
                        publishedKeysUrl(trusted),
                        new DefaultResourceRetriever(
                                FETCH_TIMEOUT_MS, FETCH_TIMEOUT_MS, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                .cache(true)
                .rateLimited(true)
                .build();
    }

    private static URL publishedKeysUrl(Trusted trusted) {
        try {
            String uri = trusted.jwkSetUri() != null && !trusted.jwkSetUri().isBlank()
                    ? trusted.jwkSetUri()
                    : discoveredJwksUri(trusted.issuer());
            return URI.create(uri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("the issuer's jwks_uri is not a URL: " + e.getMessage(), e);
        }
    }

    /** OpenID Connect discovery, only when no jwks_uri was configured (a test issuer on a free port). */
    private static String discoveredJwksUri(String issuer) {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String uri = new ObjectMapper()
                    .readTree(response.body())
                    .path("jwks_uri")
                    .asText("");
            if (response.statusCode() != 200 || uri.isEmpty()) {
                throw new IllegalStateException("the issuer's discovery document has no jwks_uri");
            }
            return uri;
        } catch (IOException e) {
            throw new IllegalStateException("the issuer's discovery document could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the issuer's discovery document", e);
        }
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
