package serverlessshop.localcloud.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import serverlessshop.localcloud.gateway.Route.Authorization;

/**
 * The API Gateway (HTTP API) JWT authorizer: the token from the {@code Authorization} header, with or
 * without "Bearer"; a signature by a key of the issuer's JWKS (found through its OpenID discovery
 * document, RSA algorithms only); {@code iss} equal to the issuer; {@code aud} among the audiences,
 * or, only when the token has no {@code aud}, {@code client_id}; {@code exp} in the future and
 * {@code nbf} in the past. A failure is 401. Then the route's scopes: the token's {@code scope} (or
 * {@code scp}) must hold at least one of them, else 403. API Gateway checks nothing else: not
 * {@code token_use}, not groups; the functions do.
 */
public final class JwtAuthorizer {

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    public JwtAuthorizer(String issuer, Set<String> audiences, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    public AuthorizerDecision authorize(Authorization authorization, String authorizationHeader) {
        if (!authorization.isJwt()) {
            return new AuthorizerDecision.Open();
        }
        String token = token(authorizationHeader);
        if (token == null) {
            return new AuthorizerDecision.Deny(401, "Bearer");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return invalid("the token is not a signed JWT");
        }
        try {
            processor().process(jwt, null);
        } catch (BadJOSEException e) {
            return invalid(
                    e instanceof BadJWTException ? e.getMessage() : "the token's signature could not be verified");
        } catch (JOSEException e) {
            return invalid("the token's signature could not be verified");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(jwt.getPayload().toString());
        } catch (IOException e) {
            return invalid("the token's claims are not JSON");
        }
        if (authorization.scopes().isEmpty()) {
            return new AuthorizerDecision.Allow(ClaimStrings.of(payload), null);
        }
        List<String> scopes = scopesOf(payload);
        if (scopes.stream().noneMatch(authorization.scopes()::contains)) {
            String expected = String.join(" ", authorization.scopes());
            return new AuthorizerDecision.Deny(
                    403,
                    "Bearer scope=\"" + expected + "\" error=\"insufficient_scope\""
                            + " error_description=\"expected scopes: [" + expected + "]\"");
        }
        return new AuthorizerDecision.Allow(ClaimStrings.of(payload), scopes);
    }

    private static AuthorizerDecision invalid(String description) {
        return new AuthorizerDecision.Deny(
                401,
                "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description.replace("\"", "'")
                        + "\"");
    }

    private static String token(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            value = value.substring("bearer ".length()).trim();
        }
        return value.isEmpty() ? null : value;
    }

    private static List<String> scopesOf(JsonNode payload) {
        List<String> scopes = new ArrayList<>();
        for (String claim : List.of("scope", "scp")) {
            JsonNode value = payload.path(claim);
            if (value.isTextual()) {
                for (String scope : value.textValue().trim().split("\\s+")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            } else if (value.isArray()) {
                value.forEach(scope -> scopes.add(scope.asText()));
            }
        }
        return scopes;
    }

    /** Built on first use: the issuer may start after the gateway (here it is the gateway itself). */
    private DefaultJWTProcessor<SecurityContext> processor() throws BadJOSEException {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (processor == null) {
                DefaultJWTProcessor<SecurityContext> created = new DefaultJWTProcessor<>();
                JWKSource<SecurityContext> keys;
                try {
                    keys = JWKSourceBuilder.create(URI.create(jwksUri()).toURL())
                            .retrying(true)
                            .build();
                } catch (IOException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    throw new BadJOSEException("the issuer's keys could not be fetched: " + e.getMessage());
                }
                created.setJWSKeySelector(new JWSVerificationKeySelector<>(RSA, keys));
                // Any "typ": API Gateway does not look at it.
                created.setJWSTypeVerifier((type, context) -> {});
                created.setJWTClaimsSetVerifier(this::verifyClaims);
                processor = created;
            }
            return processor;
        }
    }

    private void verifyClaims(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new BadJWTException("the token does not have a valid issuer");
        }
        List<String> aud = claims.getAudience();
        boolean audienceMatches;
        if (aud != null && !aud.isEmpty()) {
            audienceMatches = aud.stream().anyMatch(audiences::contains);
        } else {
            Object clientId = claims.getClaim("client_id");
            audienceMatches = clientId instanceof String id && audiences.contains(id);
        }
        if (!audienceMatches) {
            throw new BadJWTException("the token does not have a valid audience");
        }
        Date now = Date.from(clock.instant());
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
            throw new BadJWTException("the token has expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
            throw new BadJWTException("the token is not valid yet");
        }
    }

    private String jwksUri() throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("discovery answered " + response.statusCode());
            }
            return JSON.readTree(response.body()).path("jwks_uri").asText();
        }
    }
}
