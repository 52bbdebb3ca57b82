package serverlessshop.localcloud.issuer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * The local OIDC issuer: mock-oauth2-server's request handler, served by the gateway under
 * {@code /oauth2} (issuer {@code http://localhost:PORT/oauth2}, so the token endpoint is
 * {@code /oauth2/token} and the login page {@code /oauth2/authorize}, the paths of a Cognito domain).
 * Same origin as the site and the API: the browser needs no CORS to sign in.
 *
 * <p>Every request reaches it with the gateway's public host, whatever name the client used, so
 * every token has the same {@code iss} and every discovered endpoint the same origin.
 */
public final class LocalIssuer {

    public static final String ISSUER_ID = "oauth2";
    public static final String PATH = "/" + ISSUER_ID;
    /** The site's app client (public, authorization code with PKCE). */
    public static final String WEB_CLIENT = "serverless-shop-web";
    /** The orders service's app client (confidential, client credentials). */
    public static final String ORDERS_CLIENT = "serverless-shop-orders";
    /** mock-oauth2-server accepts any secret; this one is what the orders function is configured with. */
    public static final String ORDERS_CLIENT_SECRET = "local-orders-secret";

    public static final String STOCK_SCOPE = "products/stock";
    /** The clients whose tokens API Gateway and the services accept (the authorizer's audiences). */
    public static final Set<String> AUDIENCES = Set.of(WEB_CLIENT, ORDERS_CLIENT);

    static {
        // mock-oauth2-server brings Netty (for header names); without this, Netty's first use reaches
        // for sun.misc.Unsafe and JDK 25 prints a deprecation warning into the console.
        System.setProperty("io.netty.noUnsafe", "true");
    }

    private final String publicAuthority;
    private final Route server;
    private final no.nav.security.mock.oauth2.token.OAuth2TokenProvider tokens;

    /** @param publicAuthority host:port of the gateway as users reach it, e.g. localhost:8080 */
    public LocalIssuer(String publicAuthority) throws IOException {
        this.publicAuthority = publicAuthority;
        OAuth2Config defaults = new OAuth2Config();
        this.tokens = defaults.getTokenProvider();
        OAuth2Config config = defaults.copy(
                true,
                loginPage().toString(),
                null,
                false,
                defaults.getTokenProvider(),
                Set.of(new CognitoLikeTokens(ISSUER_ID)),
                defaults.getHttpServer());
        this.server = new OAuth2HttpRequestHandler(config).getAuthorizationServer();
    }

    public String issuerUrl() {
        return "http://" + publicAuthority + PATH;
    }

    public static boolean handles(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    public HttpReply handle(IncomingRequest request) {
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
        if (request.rawPath().equals(PATH + "/token") && response.getStatus() == 200) {
            bytes = withCognitoIdToken(bytes);
        }
        return new HttpReply(response.getStatus(), replyHeaders, bytes);
    }

    /**
     * mock-oauth2-server gives the ID token the claims of its token callback too, so it said
     * {@code token_use: access} like the access token, and the services (rightly) took it for one.
     * Cognito's ID tokens say {@code token_use: id}: the ID token of a token response is signed
     * again, by the same issuer key, with that claim.
     */
    private byte[] withCognitoIdToken(byte[] tokenResponse) {
        try {
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(tokenResponse);
            if (!json.hasNonNull("id_token")) {
                return tokenResponse;
            }
            Map<String, Object> claims = new LinkedHashMap<>(
                    com.nimbusds.jwt.SignedJWT.parse(json.get("id_token").asText())
                            .getJWTClaimsSet()
                            .toJSONObject());
            claims.keySet().removeAll(List.of("exp", "iat", "nbf"));
            claims.put("token_use", "id");
            json.put(
                    "id_token",
                    tokens.jwt(claims, java.time.Duration.ofHours(1), ISSUER_ID).serialize());
            return JSON.writeValueAsBytes(json);
        } catch (IOException | java.text.ParseException e) {
            return tokenResponse; // not a token response this code knows: passed on as it came
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** mock-oauth2-server reads its login page from a file; ours is a resource of this jar. */
    private static Path loginPage() throws IOException {
        Path page = Files.createTempFile("serverless-shop-login", ".html");
        page.toFile().deleteOnExit();
        try (InputStream in = LocalIssuer.class.getResourceAsStream("/issuer/login.html")) {
            if (in == null) {
                throw new IOException("issuer/login.html is missing from the class path");
            }
            Files.write(page, in.readAllBytes());
        }
        return page;
    }
}
