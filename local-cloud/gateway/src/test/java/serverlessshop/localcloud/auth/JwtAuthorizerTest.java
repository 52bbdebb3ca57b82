package serverlessshop.localcloud.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.gateway.Route.Authorization;

/** The checks of API Gateway's JWT authorizer, with tokens signed by a real mock-oauth2-server. */
class JwtAuthorizerTest {

    private static final String ISSUER_ID = "oauth2";
    private static final String WEB = "serverless-shop-web";
    private static final Authorization SIGNED_IN = new Authorization("jwt", List.of(), List.of("admin"));
    private static final Authorization STOCK = new Authorization("jwt", List.of("products/stock"), List.of());

    private static MockOAuth2Server server;
    private static JwtAuthorizer authorizer;

    @BeforeAll
    static void startIssuer() {
        server = new MockOAuth2Server();
        server.start();
        authorizer = new JwtAuthorizer(
                server.issuerUrl(ISSUER_ID).toString(), Set.of(WEB, "serverless-shop-orders"), Clock.systemUTC());
    }

    @AfterAll
    static void stopIssuer() {
        server.shutdown();
    }

    /** A Cognito-like access token (token_use, client_id and no aud, unless given one). */
    private static String token(String issuerId, String audience, Map<String, Object> claims, long expirySeconds) {
        Map<String, Object> all = new HashMap<>(Map.of("token_use", "access"));
        all.putAll(claims);
        List<String> aud = audience == null ? List.of() : List.of(audience);
        return server.issueToken(
                        issuerId,
                        WEB,
                        new DefaultOAuth2TokenCallback(issuerId, "alice", "JWT", aud, all, expirySeconds))
                .serialize();
    }

    private static String customer() {
        return token(ISSUER_ID, null, Map.of("client_id", WEB, "scope", "openid"), 3600);
    }

    private static AuthorizerDecision.Deny denied(AuthorizerDecision decision) {
        assertThat(decision).isInstanceOf(AuthorizerDecision.Deny.class);
        return (AuthorizerDecision.Deny) decision;
    }

    @Test
    void aValidTokenPassesWithItsClaimsAsApiGatewayPassesThem() {
        String token = token(ISSUER_ID, null, Map.of("client_id", WEB, "cognito:groups", List.of("admin")), 3600);
        AuthorizerDecision decision = authorizer.authorize(SIGNED_IN, "Bearer " + token);
        assertThat(decision).isInstanceOf(AuthorizerDecision.Allow.class);
        AuthorizerDecision.Allow allow = (AuthorizerDecision.Allow) decision;
        assertThat(allow.claims())
                .containsEntry("sub", "alice")
                .containsEntry("cognito:groups", "[admin]")
                .containsEntry("token_use", "access")
                .containsEntry("iss", server.issuerUrl(ISSUER_ID).toString());
        assertThat(allow.claims().get("exp")).matches("\\d{10}");
        assertThat(allow.scopes())
                .as("a route without scopes gets scopes: null, as in API Gateway's events")
                .isNull();
    }

    @Test
    void bearerIsOptionalAsInTheAuthorizersIdentitySource() {
        assertThat(authorizer.authorize(SIGNED_IN, customer())).isInstanceOf(AuthorizerDecision.Allow.class);
        assertThat(authorizer.authorize(SIGNED_IN, "bearer " + customer()))
                .isInstanceOf(AuthorizerDecision.Allow.class);
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        assertThat(denied(authorizer.authorize(SIGNED_IN, null))).isEqualTo(new AuthorizerDecision.Deny(401, "Bearer"));
        assertThat(denied(authorizer.authorize(SIGNED_IN, "Bearer ")).status()).isEqualTo(401);
    }

    @Test
    void aRouteWithoutAuthorizerLetsAnythingThrough() {
        assertThat(authorizer.authorize(Authorization.NONE, "Bearer garbage"))
                .isInstanceOf(AuthorizerDecision.Open.class);
    }

    @Test
    void refusedTokensAre401WithTheReasonInTheChallenge() {
        Map<String, String> cases = new HashMap<>();
        cases.put("not a JWT", "garbage");
        cases.put("expired", token(ISSUER_ID, null, Map.of("client_id", WEB), -60));
        cases.put(
                "not valid yet",
                token(
                        ISSUER_ID,
                        null,
                        Map.of(
                                "client_id",
                                WEB,
                                "nbf",
                                Instant.now().plusSeconds(600).getEpochSecond()),
                        3600));
        cases.put("another issuer", token("somebody-else", null, Map.of("client_id", WEB), 3600));
        cases.put("another client", token(ISSUER_ID, null, Map.of("client_id", "some-other-app"), 3600));
        // aud wins over client_id when the token has both, as in API Gateway.
        cases.put("another audience", token(ISSUER_ID, "some-other-api", Map.of("client_id", WEB), 3600));
        cases.put("tampered signature", tampered(customer()));
        cases.put("alg none", unsigned(customer()));
        cases.forEach((name, token) -> {
            AuthorizerDecision.Deny deny = denied(authorizer.authorize(SIGNED_IN, "Bearer " + token));
            assertThat(deny.status()).as(name).isEqualTo(401);
            assertThat(deny.wwwAuthenticate()).as(name).startsWith("Bearer scope=\"\" error=\"invalid_token\"");
        });
        assertThat(denied(authorizer.authorize(SIGNED_IN, "Bearer " + cases.get("expired")))
                        .wwwAuthenticate())
                .contains("the token has expired");
        assertThat(denied(authorizer.authorize(SIGNED_IN, "Bearer " + cases.get("another audience")))
                        .wwwAuthenticate())
                .contains("the token does not have a valid audience");
    }

    @Test
    void anAudienceAmongTheConfiguredOnesPassesWithoutClientId() {
        String token = token(ISSUER_ID, WEB, Map.of(), 3600);
        assertThat(authorizer.authorize(SIGNED_IN, token)).isInstanceOf(AuthorizerDecision.Allow.class);
    }

    @Test
    void aRouteWithScopesNeedsOneOfThemElse403() {
        String machine = token(
                ISSUER_ID,
                null,
                Map.of("client_id", "serverless-shop-orders", "scope", "products/read products/stock"),
                3600);
        AuthorizerDecision allowed = authorizer.authorize(STOCK, "Bearer " + machine);
        assertThat(allowed).isInstanceOf(AuthorizerDecision.Allow.class);
        assertThat(((AuthorizerDecision.Allow) allowed).scopes()).containsExactly("products/read", "products/stock");

        String scp = token(ISSUER_ID, null, Map.of("client_id", WEB, "scp", List.of("products/stock")), 3600);
        assertThat(authorizer.authorize(STOCK, "Bearer " + scp)).isInstanceOf(AuthorizerDecision.Allow.class);

        AuthorizerDecision.Deny deny = denied(authorizer.authorize(STOCK, "Bearer " + customer()));
        assertThat(deny.status()).isEqualTo(403);
        assertThat(deny.wwwAuthenticate())
                .contains("error=\"insufficient_scope\"")
                .contains("products/stock");
    }

    private static String tampered(String token) {
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }
}
