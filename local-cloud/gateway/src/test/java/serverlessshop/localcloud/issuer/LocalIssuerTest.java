package serverlessshop.localcloud.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.auth.AuthorizerDecision;
import serverlessshop.localcloud.auth.JwtAuthorizer;
import serverlessshop.localcloud.gateway.GatewayServer;
import serverlessshop.localcloud.gateway.Route.Authorization;

/** The local issuer served over HTTP as the gateway serves it, used the way its clients use it. */
class LocalIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GatewayServer server;
    private static LocalIssuer issuer;
    private static IssuerClient client;
    private static IssuerClient adminClient;

    @BeforeAll
    static void serve() throws Exception {
        server = GatewayServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        issuer = new LocalIssuer("localhost:" + server.port());
        server.serve(issuer::handle);
        // Through 127.0.0.1, not the public name: the issuer must still put its public URL in tokens.
        client = IssuerClient.shoppers(URI.create("http://127.0.0.1:" + server.port()));
        adminClient = IssuerClient.administrators(URI.create("http://127.0.0.1:" + server.port()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void aCustomerSignsInOnTheLoginPageAndGetsACognitoLikeAccessToken() throws Exception {
        JsonNode claims = claims(client.signIn("alice"));
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("iss").asText()).isEqualTo(issuer.issuerUrl()).startsWith("http://localhost:");
        assertThat(claims.path("token_use").asText()).isEqualTo("access");
        assertThat(claims.path("client_id").asText()).isEqualTo(LocalIssuer.WEB_CLIENT);
        assertThat(claims.path("scope").asText()).isEqualTo("openid shop/orders");
        assertThat(claims.has("aud")).as("Cognito access tokens have no aud").isFalse();
        assertThat(claims.has("cognito:groups")).isFalse();
    }

    @Test
    void anAdministratorSignsInAtTheAdministratorsIssuerAndIsInTheAdminGroup() throws Exception {
        JsonNode claims = claims(adminClient.signIn("root"));
        assertThat(claims.path("sub").asText()).isEqualTo("root");
        assertThat(claims.path("iss").asText())
                .isEqualTo(issuer.adminIssuerUrl())
                .isEqualTo("http://localhost:" + server.port() + "/admin-oauth2");
        assertThat(claims.path("token_use").asText()).isEqualTo("access");
        assertThat(claims.path("client_id").asText())
                .isEqualTo(LocalIssuer.ADMIN_CLIENT)
                .isEqualTo("serverless-shop-admin");
        assertThat(claims.path("scope").asText()).isEqualTo("openid shop/orders");
        assertThat(claims.path("cognito:groups").toString()).isEqualTo("[\"admin\"]");
        assertThat(claims.has("aud")).as("Cognito access tokens have no aud").isFalse();
        // Its ID token is Cognito-like too: token_use id, no scope, the administrators' issuer.
        JsonNode idToken = claims(adminClient
                .signIn(LocalIssuer.ADMIN_CLIENT, "root", null)
                .get("id_token")
                .asText());
        assertThat(idToken.path("token_use").asText()).isEqualTo("id");
        assertThat(idToken.has("scope")).isFalse();
        assertThat(idToken.path("iss").asText()).isEqualTo(issuer.adminIssuerUrl());
    }

    @Test
    void theShoppersIssuerMakesNoAdministrators() throws Exception {
        assertThat(claims(client.signIn("alice")).has("cognito:groups")).isFalse();
        // Only a client that writes the claim into the login form gets it: the shoppers' token that claims it.
        JsonNode claiming = claims(client.signIn(LocalIssuer.WEB_CLIENT, "alice", "{\"cognito:groups\":[\"admin\"]}")
                .get("access_token")
                .asText());
        assertThat(claiming.path("iss").asText()).isEqualTo(issuer.issuerUrl());
        assertThat(claiming.path("cognito:groups").toString()).isEqualTo("[\"admin\"]");
    }

    @Test
    void theAdministratorsIssuerIsDiscoveredAtItsOwnPathWithKeysOfItsOwn() throws Exception {
        JsonNode discovery = JSON.readTree(get(LocalIssuer.ADMIN_PATH + "/.well-known/openid-configuration")
                .body());
        String admin = "http://localhost:" + server.port() + "/admin-oauth2";
        assertThat(discovery.path("issuer").asText()).isEqualTo(admin);
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(admin + "/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(admin + "/token");
        JsonNode served = JSON.readTree(get(LocalIssuer.ADMIN_PATH + "/jwks").body());
        assertThat(served.path("keys").findValuesAsText("kid"))
                .isEqualTo(JSON.readTree(issuer.adminJwkSet()).path("keys").findValuesAsText("kid"));
        assertThat(JSON.readTree(issuer.adminJwkSet()).path("keys").findValuesAsText("n"))
                .as("not the shoppers' keys")
                .doesNotContainAnyElementsOf(
                        JSON.readTree(issuer.jwkSet()).path("keys").findValuesAsText("n"));
    }

    @Test
    void eachAuthorizerAcceptsTheTokensOfItsOwnIssuerOnly() throws Exception {
        JwtAuthorizer shoppers = new JwtAuthorizer(issuer.issuerUrl(), LocalIssuer.AUDIENCES, Clock.systemUTC());
        JwtAuthorizer administrators =
                new JwtAuthorizer(issuer.adminIssuerUrl(), LocalIssuer.ADMIN_AUDIENCES, Clock.systemUTC());
        Authorization shop = new Authorization("jwt", List.of(LocalIssuer.SHOP_SCOPE), List.of());
        String admin = "Bearer " + adminClient.signIn("root");
        String alice = "Bearer " + client.signIn("alice");

        assertThat(administrators.authorize(shop, admin)).isInstanceOf(AuthorizerDecision.Allow.class);
        assertThat(shoppers.authorize(shop, alice)).isInstanceOf(AuthorizerDecision.Allow.class);
        assertThat(shoppers.authorize(shop, admin))
                .isInstanceOfSatisfying(
                        AuthorizerDecision.Deny.class,
                        deny -> assertThat(deny.status()).isEqualTo(401));
        assertThat(administrators.authorize(shop, alice))
                .isInstanceOfSatisfying(
                        AuthorizerDecision.Deny.class,
                        deny -> assertThat(deny.status()).isEqualTo(401));
    }

    @Test
    void theOrdersServiceGetsAMachineTokenByClientCredentials() throws Exception {
        JsonNode claims = claims(client.clientCredentials(
                LocalIssuer.ORDERS_CLIENT, LocalIssuer.ORDERS_CLIENT_SECRET, LocalIssuer.STOCK_SCOPE));
        assertThat(claims.path("sub").asText()).isEqualTo(LocalIssuer.ORDERS_CLIENT);
        assertThat(claims.path("client_id").asText()).isEqualTo(LocalIssuer.ORDERS_CLIENT);
        assertThat(claims.path("scope").asText()).isEqualTo("products/stock");
    }

    @Test
    void onlyTheSitesSignInIsGrantedTheShopScope() throws Exception {
        // Another app client of the pool signs users in without it; no machine client is ever allowed it.
        JsonNode otherClient = claims(
                client.signIn("other-app", "alice", null).get("access_token").asText());
        assertThat(otherClient.path("scope").asText()).isEqualTo("openid");
        JsonNode machine = claims(client.clientCredentials(
                LocalIssuer.ORDERS_CLIENT, "any", LocalIssuer.STOCK_SCOPE + " " + LocalIssuer.SHOP_SCOPE));
        assertThat(machine.path("scope").asText()).isEqualTo(LocalIssuer.STOCK_SCOPE);
        // Cognito's ID tokens carry no scope: API Gateway refuses them on every scoped route.
        JsonNode idToken = claims(client.signIn(LocalIssuer.WEB_CLIENT, "alice", null)
                .get("id_token")
                .asText());
        assertThat(idToken.has("scope")).isFalse();
    }

    @Test
    void theFunctionsAreGivenTheIssuersPublicKeys() throws Exception {
        JsonNode keys = JSON.readTree(issuer.jwkSet()).path("keys");
        assertThat(keys).isNotEmpty();
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
        String kid = JSON.readTree(
                        Base64.getUrlDecoder().decode(client.signIn("alice").split("\\.")[0]))
                .path("kid")
                .asText();
        assertThat(keys.findValuesAsText("kid")).contains(kid);
    }

    @Test
    void theGatewaysAuthorizerAcceptsItsTokens() throws Exception {
        JwtAuthorizer authorizer = new JwtAuthorizer(issuer.issuerUrl(), LocalIssuer.AUDIENCES, Clock.systemUTC());
        Authorization stock = new Authorization("jwt", List.of(LocalIssuer.STOCK_SCOPE), List.of());
        String machine = client.clientCredentials(LocalIssuer.ORDERS_CLIENT, "any", LocalIssuer.STOCK_SCOPE);
        assertThat(authorizer.authorize(stock, "Bearer " + machine)).isInstanceOf(AuthorizerDecision.Allow.class);
        assertThat(authorizer.authorize(stock, "Bearer " + client.signIn("alice")))
                .isEqualTo(new AuthorizerDecision.Deny(
                        403,
                        "Bearer scope=\"products/stock\" error=\"insufficient_scope\""
                                + " error_description=\"expected scopes: [products/stock]\""));
    }

    @Test
    void theLoginPageIsOurs() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + server.port()
                                                        + "/oauth2/authorize?response_type=code"
                                                        + "&client_id=serverless-shop-web&redirect_uri=http://localhost/&scope=openid&state=s"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Sign in to serverless-shop")
                .contains("name=\"username\"")
                .as("no \"Administrator\" tick: the shoppers' pool makes no administrators")
                .doesNotContain("cognito:groups")
                .doesNotContain("type=\"checkbox\"");

        HttpResponse<String> adminPage = get(LocalIssuer.ADMIN_PATH + "/authorize?response_type=code"
                + "&client_id=serverless-shop-admin&redirect_uri=http://localhost/&scope=openid&state=s");
        assertThat(adminPage.statusCode()).isEqualTo(200);
        assertThat(adminPage.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(adminPage.body())
                .contains("Administrator sign-in")
                .contains("name=\"username\"")
                .as("it says what Cognito would ask for here and the local issuer does not")
                .contains("authenticator app (TOTP)")
                .contains("The local issuer asks for neither");
    }

    @Test
    void theAdministratorsIssuerRevokesItsClientsRefreshTokens() throws Exception {
        String refreshToken = adminClient
                .signIn(LocalIssuer.ADMIN_CLIENT, "root", null)
                .path("refresh_token")
                .asText();
        assertThat(refreshToken).isNotEmpty();
        assertThat(post(LocalIssuer.ADMIN_PATH, "/revoke", "token=" + refreshToken + "&client_id=serverless-shop-web")
                        .body())
                .as("the shoppers' client is not this pool's")
                .contains("invalid_client");
        assertThat(post(
                                LocalIssuer.ADMIN_PATH,
                                "/token",
                                "grant_type=refresh_token&client_id=serverless-shop-admin&refresh_token="
                                        + refreshToken)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(LocalIssuer.ADMIN_PATH, "/revoke", "token=" + refreshToken + "&client_id=serverless-shop-admin")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refresh = post(
                LocalIssuer.ADMIN_PATH,
                "/token",
                "grant_type=refresh_token&client_id=serverless-shop-admin&refresh_token=" + refreshToken);
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refresh.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRevokedRefreshTokenIsRefusedByTheTokenEndpointAsCognitoRefusesIt() throws Exception {
        String refreshToken = client.signIn(LocalIssuer.WEB_CLIENT, "alice", null)
                .path("refresh_token")
                .asText();
        assertThat(refreshToken).isNotEmpty();
        assertThat(post(
                                "/token",
                                "grant_type=refresh_token&client_id=serverless-shop-web&refresh_token=" + refreshToken)
                        .statusCode())
                .isEqualTo(200);

        assertThat(post("/revoke", "client_id=serverless-shop-web").statusCode())
                .isEqualTo(400);
        assertThat(post("/revoke", "token=" + refreshToken + "&client_id=someone-else")
                        .body())
                .contains("invalid_client");
        HttpResponse<String> revoked = post("/revoke", "token=" + refreshToken + "&client_id=serverless-shop-web");
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<String> refresh =
                post("/token", "grant_type=refresh_token&client_id=serverless-shop-web&refresh_token=" + refreshToken);
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refresh.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return post(LocalIssuer.PATH, path, form);
    }

    private static HttpResponse<String> post(String issuerPath, String path, String form) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + issuerPath + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStoppedStackIsNamedAsTheProblem() {
        IssuerClient nowhere = IssuerClient.shoppers(URI.create("http://127.0.0.1:9"));
        assertThatThrownBy(() -> nowhere.signIn("alice"))
                .isInstanceOf(IssuerClient.IssuerUnavailable.class)
                .hasMessageContaining("make run");
    }
}
