package serverlessshop.support.testing;

import com.nimbusds.jwt.SignedJWT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * Real OIDC issuers for tests (mock-oauth2-server on a free local port, one per JVM): the shoppers'
 * issuer and the administrators' ({@link #adminIssuer()}), each with its own keys, published at its
 * JWKS URL and discovered like Cognito's. Access tokens look like Cognito's: {@code token_use},
 * {@code client_id}, {@code cognito:groups}.
 *
 * <p>Its token endpoint ({@link #tokenEndpoint()}) serves the client-credentials grant as Cognito's
 * {@code /oauth2/token} does: an access token whose subject and {@code client_id} are the client,
 * with the requested {@code scope} and no audience.
 */
public final class TestIssuer {

    public static final String ISSUER_ID = "shop";
    public static final String AUDIENCE = "serverless-shop-web";
    public static final String MACHINE_CLIENT = "serverless-shop-orders";
    /** What the shop's sign-in asks for, and what every protected operation needs. */
    public static final String SHOP_SCOPES = "openid shop/orders";
    /** The administrators' issuer: a user pool of their own, which requires MFA. */
    public static final String ADMIN_ISSUER_ID = "shop-admin";
    /** The administrators' sign-in client. */
    public static final String ADMIN_CLIENT = "serverless-shop-admin";

    private static final String CLIENT_CREDENTIALS = """
            {"tokenCallbacks": [{"issuerId": "%s", "tokenExpiry": 3600, "requestMappings": [{
              "requestParam": "grant_type", "match": "client_credentials",
              "claims": {"sub": "${clientId}", "client_id": "${clientId}", "scope": "${scope}", "token_use": "access"}
            }]}]}
            """.formatted(ISSUER_ID);

    private static final MockOAuth2Server SERVER = started();

    private TestIssuer() {}

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CLIENT_CREDENTIALS));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    public static String issuer() {
        return SERVER.issuerUrl(ISSUER_ID).toString();
    }

    /** Where a machine client gets its token with the client-credentials grant (any client id and secret). */
    public static String tokenEndpoint() {
        return SERVER.tokenEndpointUrl(ISSUER_ID).toString();
    }

    public static String adminIssuer() {
        return SERVER.issuerUrl(ADMIN_ISSUER_ID).toString();
    }

    /**
     * The properties a service needs to accept both issuers' tokens: their keys delivered as the
     * deployment delivers them, so verifying a token needs no call to an issuer.
     */
    public static Map<String, String> serviceProperties() {
        return Map.of(
                "shop.security.issuer",
                issuer(),
                "shop.security.jwk-set",
                jwkSet(),
                "shop.security.audiences",
                AUDIENCE + "," + MACHINE_CLIENT,
                "shop.security.admin.issuer",
                adminIssuer(),
                "shop.security.admin.jwk-set",
                adminJwkSet(),
                "shop.security.admin.audiences",
                ADMIN_CLIENT);
    }

    /**
     * The same as environment variables of a function ({@code SHOP_JWT_*}, {@code SHOP_ADMIN_JWT_*}),
     * as a deployment sets them.
     */
    public static Map<String, String> functionEnvironment() {
        return Map.of(
                "SHOP_JWT_ISSUER",
                issuer(),
                "SHOP_JWT_JWKS",
                jwkSet(),
                "SHOP_JWT_AUDIENCES",
                AUDIENCE + "," + MACHINE_CLIENT,
                "SHOP_ADMIN_JWT_ISSUER",
                adminIssuer(),
                "SHOP_ADMIN_JWT_JWKS",
                adminJwkSet(),
                "SHOP_ADMIN_JWT_AUDIENCES",
                ADMIN_CLIENT);
    }

    /** Where the issuer publishes its keys (its {@code jwks_uri}). */
    public static String jwksUri() {
        return SERVER.jwksUrl(ISSUER_ID).toString();
    }

    /** Where the administrators' issuer publishes its keys. */
    public static String adminJwksUri() {
        return SERVER.jwksUrl(ADMIN_ISSUER_ID).toString();
    }

    /** The issuer's public keys as a JWK set (JSON), as {@code SHOP_JWT_JWKS} carries Cognito's. */
    public static String jwkSet() {
        return publishedKeys(ISSUER_ID);
    }

    /** The administrators' issuer's public keys, as {@code SHOP_ADMIN_JWT_JWKS} carries them. */
    public static String adminJwkSet() {
        return publishedKeys(ADMIN_ISSUER_ID);
    }

    private static String publishedKeys(String issuerId) {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            SERVER.jwksUrl(issuerId).uri())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A signed-in customer's access token, with the scopes the shop's sign-in is granted. */
    public static String customer(String subject) {
        return accessToken(ISSUER_ID, subject, AUDIENCE, Map.of("scope", SHOP_SCOPES), 3600);
    }

    /** An administrator's access token: signed in through the administrators' issuer and its client. */
    public static String admin(String subject) {
        return accessToken(
                ADMIN_ISSUER_ID,
                subject,
                null,
                Map.of("scope", SHOP_SCOPES, "client_id", ADMIN_CLIENT, "cognito:groups", List.of("admin")),
                3600);
    }

    /** A token of the administrators' issuer whose user is in no group. */
    public static String adminIssuerWithoutGroup(String subject) {
        return accessToken(
                ADMIN_ISSUER_ID, subject, null, Map.of("scope", SHOP_SCOPES, "client_id", ADMIN_CLIENT), 3600);
    }

    /** A shopper's token that claims the admin group: the shoppers' issuer makes no administrators. */
    public static String customerClaimingAdmin(String subject) {
        return accessToken(
                ISSUER_ID, subject, AUDIENCE, Map.of("scope", SHOP_SCOPES, "cognito:groups", List.of("admin")), 3600);
    }

    /**
     * An administrator's token in all but its signature: it names the administrators' issuer but is
     * signed with the shoppers' issuer's key.
     */
    public static String adminSignedByShoppersKey(String subject) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", adminIssuer());
        claims.put("sub", subject);
        claims.put("scope", SHOP_SCOPES);
        claims.put("client_id", ADMIN_CLIENT);
        claims.put("token_use", "access");
        claims.put("cognito:groups", List.of("admin"));
        return SERVER.getConfig()
                .getTokenProvider()
                .jwt(claims, java.time.Duration.ofHours(1), ISSUER_ID)
                .serialize();
    }

    /**
     * A client-credentials token of a machine client the API accepts (the orders service's): scope
     * products/stock, not shop/orders, and no audience (as Cognito). It is no customer's.
     */
    public static String machine() {
        return accessToken(
                ISSUER_ID, MACHINE_CLIENT, null, Map.of("scope", "products/stock", "client_id", MACHINE_CLIENT), 3600);
    }

    public static String expired(String subject) {
        return accessToken(
                ISSUER_ID, subject, AUDIENCE, Map.of("scope", SHOP_SCOPES, "cognito:groups", List.of("admin")), -3600);
    }

    /**
     * The event with a real token of this issuer behind its authorizer claims, in {@code Authorization}
     * as API Gateway passes it on: a token whose {@code sub}, {@code scope}, {@code client_id} and
     * {@code cognito:groups} are the claims' (for events written as API Gateway would send them, such
     * as the recorded fixtures); the function verifies the token, not the claims. The client is this
     * issuer's site client, or its machine client when the claims name that one; claims of the
     * {@code admin} group are an administrator's, whose token the administrators' issuer signs.
     * Without claims, the event as it is.
     */
    public static serverlessshop.httpapi.HttpApiEvent signed(serverlessshop.httpapi.HttpApiEvent event) {
        var claims = event.json()
                .path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims");
        if (!claims.isObject() || !claims.hasNonNull("sub")) {
            return event;
        }
        Map<String, Object> wanted = new HashMap<>();
        wanted.put("scope", claims.path("scope").asText(""));
        wanted.put("client_id", MACHINE_CLIENT.equals(claims.path("client_id").asText()) ? MACHINE_CLIENT : AUDIENCE);
        String groups = claims.path("cognito:groups")
                .asText("")
                .replaceAll("[\\[\\]]", "")
                .trim();
        if (!groups.isEmpty()) {
            wanted.put("cognito:groups", List.of(groups.split("[\\s,]+")));
        }
        boolean administrator = List.of(groups.split("[\\s,]+")).contains("admin");
        if (administrator) {
            wanted.put("client_id", ADMIN_CLIENT);
        }
        String issuerId = administrator ? ADMIN_ISSUER_ID : ISSUER_ID;
        String token = accessToken(issuerId, claims.path("sub").asText(), null, wanted, 3600);
        return event.withHeader("authorization", "Bearer " + token);
    }

    /** A token of this issuer for another application: neither its audience nor its client is ours. */
    public static String wrongAudience(String subject) {
        return accessToken(
                ISSUER_ID,
                subject,
                "some-other-api",
                Map.of("scope", SHOP_SCOPES, "cognito:groups", List.of("admin"), "client_id", "some-other-api"),
                3600);
    }

    public static String otherIssuer(String subject) {
        return accessToken(
                "not-the-shop",
                subject,
                AUDIENCE,
                Map.of("scope", SHOP_SCOPES, "cognito:groups", List.of("admin")),
                3600);
    }

    /** An ID token of an administrator: valid signature and audience, but not an access token. */
    public static String idToken(String subject) {
        return SERVER.issueToken(
                        ISSUER_ID,
                        subject,
                        AUDIENCE,
                        Map.of("token_use", "id", "cognito:groups", List.of("admin")),
                        3600)
                .serialize();
    }

    /** A valid administrator token with one character of its signature changed. */
    public static String tamperedSignature(String subject) {
        String token = admin(subject);
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    /** An administrator token with {@code alg: none} and no signature (RFC 8725 3.1: must be refused). */
    public static String unsigned(String subject) {
        String claims = admin(subject).split("\\.")[1];
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static String accessToken(
            String issuerId, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("token_use", "access");
        all.putIfAbsent("client_id", AUDIENCE);
        SignedJWT jwt = SERVER.issueToken(issuerId, subject, audience, all, expirySeconds);
        return jwt.serialize();
    }
}
