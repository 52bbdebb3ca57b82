package serverlessshop.orders.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service's own access token for the products API: OAuth 2.0 client credentials at the
 * issuer's token endpoint (Cognito's {@code /oauth2/token} in AWS), with the client id and secret in
 * HTTP Basic authentication. The token is kept until shortly before it expires, so a warm Lambda
 * instance asks once an hour, not once per order. When the endpoint refuses the client
 * ({@code invalid_client}: the secret was rotated), the secret is read again and, if it changed,
 * the request made once more with the new one.
 */
public class MachineTokens {

    private static final Logger log = LoggerFactory.getLogger(MachineTokens.class);
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final ClientSecret clientSecret;
    private final String scope;
    private final Duration timeout;
    private final Clock clock;

    private Token cached;

    public MachineTokens(
            HttpClient http,
            URI tokenUrl,
            String clientId,
            ClientSecret clientSecret,
            String scope,
            Duration timeout,
            Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.timeout = timeout;
        this.clock = clock;
    }

    private record Token(String value, Instant refreshAt) {}

    /** A valid access token; fetched when there is none or it is about to expire. */
    public synchronized String accessToken() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.refreshAt())) {
            cached = fetch(now);
        }
        return cached.value();
    }

    /** Products refused this token (keys rotated, token revoked): the next call fetches a new one. */
    public synchronized void forget(String token) {
        if (cached != null && cached.value().equals(token)) {
            cached = null;
        }
    }

    private Token fetch(Instant now) {
        if (tokenUrl == null || clientId == null || clientId.isBlank()) {
            log.error("No machine client for the products API: set PRODUCTS_TOKEN_URL, PRODUCTS_CLIENT_ID and "
                    + "PRODUCTS_CLIENT_SECRET_ARN (or PRODUCTS_CLIENT_SECRET)");
            throw new ProductsUnavailable();
        }
        try {
            HttpResponse<String> response = request(clientSecret.value());
            if (refusedClient(response) && secretChanged()) {
                response = request(clientSecret.value());
            }
            if (response.statusCode() != 200) {
                log.error(
                        "The token endpoint {} answered {} to the client credentials of {}",
                        tokenUrl,
                        response.statusCode(),
                        clientId);
                throw new ProductsUnavailable();
            }
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                log.error("The token endpoint {} answered without an access token", tokenUrl);
                throw new ProductsUnavailable();
            }
            Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(3600));
            Duration early = lifetime.dividedBy(2).compareTo(REFRESH_BEFORE_EXPIRY) < 0
                    ? lifetime.dividedBy(2)
                    : REFRESH_BEFORE_EXPIRY;
            return new Token(token, now.plus(lifetime).minus(early));
        } catch (IOException e) {
            log.warn("The token endpoint {} is unreachable: {}", tokenUrl, e.toString());
            throw new ProductsUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProductsUnavailable();
        }
    }

    private HttpResponse<String> request(String secret) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder()
                .encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + form(scope)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * RFC 6749 5.2: the client's authentication failed. Cognito answers 400, the RFC allows 401; either
     * way the error code says it. Anything else (a wrong scope, an outage) is not the secret's fault.
     */
    private static boolean refusedClient(HttpResponse<String> response) {
        if (response.statusCode() != 400 && response.statusCode() != 401) {
            return false;
        }
        try {
            return "invalid_client"
                    .equals(JSON.readTree(response.body()).path("error").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** After invalid_client: the secret read again; true when it changed (rotated) and a retry may pass. */
    private boolean secretChanged() {
        try {
            if (clientSecret.reread()) {
                log.warn(
                        "The token endpoint {} refused the client secret of {}; {} holds a new one (rotated): "
                                + "asking again with it",
                        tokenUrl,
                        clientId,
                        clientSecret.origin());
                return true;
            }
            log.error(
                    "The token endpoint {} refused the client secret of {}, and {} holds no other",
                    tokenUrl,
                    clientId,
                    clientSecret.origin());
        } catch (RuntimeException e) {
            // Secrets Manager unreachable or the secret gone: this request fails, the next one reads again.
            log.error(
                    "The token endpoint {} refused the client secret of {}, and {} could not be read again: {}",
                    tokenUrl,
                    clientId,
                    clientSecret.origin(),
                    e.toString());
        }
        return false;
    }

    /** RFC 6749 2.3.1: client id and secret are form-encoded before they go into Basic authentication. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
