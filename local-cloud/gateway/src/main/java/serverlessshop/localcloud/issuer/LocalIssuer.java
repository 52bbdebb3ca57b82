package serverlessshop.localcloud.issuer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import serverlessshop.localcloud.gateway.HttpReply;
import serverlessshop.localcloud.gateway.IncomingRequest;

/**
 * The local OIDC issuers, the shoppers' and the administrators' (two Cognito user pools in AWS):
 * mock-oauth2-server's request handler, which serves any issuer id with keys of its own, served by
 * the gateway under {@code /oauth2} (issuer {@code http://localhost:PORT/oauth2}, so the token
 * endpoint is {@code /oauth2/token}, the login page {@code /oauth2/authorize} and
 * {@code /oauth2/revoke}, the paths of a Cognito domain) and {@code /admin-oauth2} (the same paths,
 * the administrators' pool). Same origin as the site and the API: the browser needs no CORS to sign in.
 *
 * <p>Every request reaches it with the gateway's public host, whatever name the client used, so
 * every token has the same {@code iss} and every discovered endpoint the same origin.
 */
public final class LocalIssuer {

    /** The shoppers' issuer. */
    public static final String ISSUER_ID = "oauth2";

    public static final String PATH = "/" + ISSUER_ID;
    /**
     * The administrators' issuer: a pool of its own in AWS, because Cognito requires MFA per pool, and
     * administrators must sign in with a TOTP code while shoppers need not.
     */
    public static final String ADMIN_ISSUER_ID = "admin-oauth2";

    public static final String ADMIN_PATH = "/" + ADMIN_ISSUER_ID;
    /** The site's app client (public, authorization code with PKCE). */
    public static final String WEB_CLIENT = "serverless-shop-web";
    /** The site's app client of the administrators' pool (public, authorization code with PKCE). */
    public static final String ADMIN_CLIENT = "serverless-shop-admin";
    /** The orders service's app client (confidential, client credentials). */
    public static final String ORDERS_CLIENT = "serverless-shop-orders";
    /** mock-oauth2-server accepts any secret; this one is what the orders function is configured with. */
    public static final String ORDERS_CLIENT_SECRET = "local-orders-secret";

    public static final String STOCK_SCOPE = "products/stock";
    /** What every protected operation needs; only sign-ins through each pool's site client are granted it. */
    public static final String SHOP_SCOPE = "shop/orders";
    /** The group of an administrator, which only the administrators' issuer puts in tokens. */
    public static final String ADMIN_GROUP = "admin";
    /** The clients whose tokens the shoppers' API and the services accept (the authorizer's audiences). */
    public static final Set<String> AUDIENCES = Set.of(WEB_CLIENT, ORDERS_CLIENT);
    /** The clients whose tokens the administrators' API accepts. */
    public static final Set<String> ADMIN_AUDIENCES = Set.of(ADMIN_CLIENT);

    static {
        // mock-oauth2-server brings Netty (for header names); without this, Netty's first use reaches
        // for sun.misc.Unsafe and JDK 25 prints a deprecation warning into the console.
        System.setProperty("io.netty.noUnsafe", "true");
    }

    /** One of the two issuers: its id (and path), its site client, its login page. */
    private record Issuer(String id, String client, byte[] loginPage) {
        String path() {
            return "/" + id;
        }

        boolean serves(String rawPath) {
            return rawPath.equals(path()) || rawPath.startsWith(path() + "/");
        }
    }

    private final String publicAuthority;
    private final Route server;
    private final no.nav.security.mock.oauth2.token.OAuth2TokenProvider tokens;
    private final Set<String> revokedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final List<Issuer> issuers;

    /** @param publicAuthority host:port of the gateway as users reach it, e.g. localhost:8080 */
    public LocalIssuer(String publicAuthority) throws IOException {
        this.publicAuthority = publicAuthority;
        this.issuers = List.of(
                new Issuer(ISSUER_ID, WEB_CLIENT, resource("/issuer/login.html")),
                new Issuer(ADMIN_ISSUER_ID, ADMIN_CLIENT, resource("/issuer/admin-login.html")));
        OAuth2Config defaults = new OAuth2Config();
        this.tokens = defaults.getTokenProvider();
        OAuth2Config config = defaults.copy(
                true,
                loginPage().toString(),
                null,
                false,
                defaults.getTokenProvider(),
                Set.of(
                        new CognitoLikeTokens(ISSUER_ID, WEB_CLIENT, List.of()),
                        new CognitoLikeTokens(ADMIN_ISSUER_ID, ADMIN_CLIENT, List.of(ADMIN_GROUP))),
                defaults.getHttpServer());
        this.server = new OAuth2HttpRequestHandler(config).getAuthorizationServer();
    }

    /** The shoppers' issuer URL, as its tokens' {@code iss} says. */
    public String issuerUrl() {
        return "http://" + publicAuthority + PATH;
    }

    /** The administrators' issuer URL. */
    public String adminIssuerUrl() {
        return "http://" + publicAuthority + ADMIN_PATH;
    }

    /**
     * The shoppers' issuer's public keys as a JWK set (JSON): what the functions get in
     * {@code SHOP_JWT_JWKS}, as the deployment delivers the user pool's, so they verify tokens without
     * fetching keys.
     */
    public String jwkSet() {
        return tokens.publicJwkSet(ISSUER_ID).toString();
    }

    /** The administrators' issuer's public keys (its own), for {@code SHOP_ADMIN_JWT_JWKS}. */
    public String adminJwkSet() {
        return tokens.publicJwkSet(ADMIN_ISSUER_ID).toString();
    }

    public static boolean handles(String rawPath) {
        return rawPath.equals(PATH)
                || rawPath.startsWith(PATH + "/")
                || rawPath.equals(ADMIN_PATH)
                || rawPath.startsWith(ADMIN_PATH + "/");
    }

    public HttpReply handle(IncomingRequest request) {
        Issuer issuer = issuers.stream()
                .filter(i -> i.serves(request.rawPath()))
                .findFirst()
                .orElse(issuers.getFirst());
        if (request.method().equals("POST") && request.rawPath().equals(issuer.path() + "/revoke")) {
            return revoke(issuer, form(request));
        }
        if (request.method().equals("POST")
                && request.rawPath().equals(issuer.path() + "/token")
                && revokedRefreshTokens.contains(
                        form(request).getOrDefault("refresh_token", List.of("")).getFirst())) {
            return HttpReply.json(
                    400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh Token has been revoked\"}");
        }
        Headers.Builder headers = new Headers.Builder();
        request.headers().forEach((name, values) -> {
            if (!name.equals("host")) {
                values.forEach(value -> headers.addUnsafeNonAscii(name, value));
            }
        });
        headers.add("host", publicAuthority);
        HttpUrl url = HttpUrl.get("http://" + publicAuthority + request.rawPath()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        String body = request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8);
        OAuth2HttpResponse response =
                server.invoke(new OAuth2HttpRequest(headers.build(), request.method(), url, body));

        Map<String, List<String>> replyHeaders = new LinkedHashMap<>();
        for (int i = 0; i < response.getHeaders().size(); i++) {
            String name = response.getHeaders().name(i).toLowerCase(Locale.ROOT);
            // CORS is the gateway's to answer (the Vite dev server only), not the mock's (anyone).
            if (!name.startsWith("access-control-")) {
                replyHeaders
                        .computeIfAbsent(name, n -> new ArrayList<>())
                        .add(response.getHeaders().value(i));
            }
        }
        byte[] bytes = response.getBytesBody() != null
                ? response.getBytesBody()
                : response.getBody() != null ? response.getBody().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (request.rawPath().equals(issuer.path() + "/token") && response.getStatus() == 200) {
            bytes = withCognitoIdToken(bytes, issuer.id());
        }
        if (request.method().equals("GET")
                && request.rawPath().equals(issuer.path() + "/authorize")
                && response.getStatus() == 200) {
            // mock-oauth2-server has one login page for all its issuers (and has checked the request by
            // now): each pool's own page, as each Cognito domain has its own.
            bytes = issuer.loginPage();
            replyHeaders.remove("content-length");
        }
        return new HttpReply(response.getStatus(), replyHeaders, bytes);
    }

    /**
     * Cognito's revocation endpoint (RFC 7009), which mock-oauth2-server's own does not imitate: a
     * public client revokes its refresh token with {@code token} and {@code client_id}; the answer is
     * 200 whether or not the token was known, and the token is refused by the token endpoint from
     * then on. Access tokens stay valid until they expire, as API Gateway's authorizer sees them in AWS.
     */
    private HttpReply revoke(Issuer issuer, Map<String, List<String>> form) {
        String token = form.getOrDefault("token", List.of("")).getFirst();
        String client = form.getOrDefault("client_id", List.of("")).getFirst();
        if (token.isEmpty()) {
            return HttpReply.json(400, "{\"error\":\"invalid_request\"}");
        }
        if (!client.equals(issuer.client())) {
            return HttpReply.json(400, "{\"error\":\"invalid_client\"}");
        }
        revokedRefreshTokens.add(token);
        return new HttpReply(200, Map.of(), new byte[0]);
    }

    private static Map<String, List<String>> form(IncomingRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return form;
    }

    /**
     * mock-oauth2-server gives the ID token the claims of its token callback too, so it said
     * {@code token_use: access} like the access token, and the services (rightly) took it for one.
     * Cognito's ID tokens say {@code token_use: id} and have no {@code scope}: the ID token of a
     * token response is signed again, by the same issuer key, that way.
     */
    private byte[] withCognitoIdToken(byte[] tokenResponse, String issuerId) {
        try {
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(tokenResponse);
            if (!json.hasNonNull("id_token")) {
                return tokenResponse;
            }
            Map<String, Object> claims = new LinkedHashMap<>(
                    com.nimbusds.jwt.SignedJWT.parse(json.get("id_token").asText())
                            .getJWTClaimsSet()
                            .toJSONObject());
            // Cognito's ID tokens carry no scope either: API Gateway refuses them on every scoped route.
            claims.keySet().removeAll(List.of("exp", "iat", "nbf", "scope"));
            claims.put("token_use", "id");
            json.put(
                    "id_token",
                    tokens.jwt(claims, java.time.Duration.ofHours(1), issuerId).serialize());
            return JSON.writeValueAsBytes(json);
        } catch (IOException | java.text.ParseException e) {
            return tokenResponse; // not a token response this code knows: passed on as it came
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** mock-oauth2-server reads its login page from a file: the shoppers' page, a resource of this jar. */
    private static Path loginPage() throws IOException {
        Path page = Files.createTempFile("serverless-shop-login", ".html");
        page.toFile().deleteOnExit();
        Files.write(page, resource("/issuer/login.html"));
        return page;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LocalIssuer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name.substring(1) + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}
