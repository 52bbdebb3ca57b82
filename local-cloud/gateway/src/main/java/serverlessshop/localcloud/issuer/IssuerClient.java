package serverlessshop.localcloud.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets tokens from one of the running local issuers over HTTP, the way its clients do: a user signs
 * in as the site does (authorization code with PKCE through the pool's site client, submitting the
 * login page's form), a service uses client credentials. {@code make token}, the demo-catalog
 * seeding and the end-to-end test use it.
 */
public final class IssuerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;
    private final String siteClient;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @param issuer     the issuer URL, e.g. http://localhost:8080/oauth2
     * @param siteClient the client {@link #signIn(String)} signs in through
     */
    public IssuerClient(URI issuer, String siteClient) {
        this.issuer = issuer;
        this.siteClient = siteClient;
    }

    /** The shoppers' issuer of the local cloud at {@code gateway} (e.g. http://localhost:8080), for the site's client. */
    public static IssuerClient shoppers(URI gateway) {
        return new IssuerClient(
                URI.create(gateway.toString().replaceAll("/+$", "") + LocalIssuer.PATH), LocalIssuer.WEB_CLIENT);
    }

    /** The administrators' issuer of the local cloud at {@code gateway}: whoever signs in there is an administrator. */
    public static IssuerClient administrators(URI gateway) {
        return new IssuerClient(
                URI.create(gateway.toString().replaceAll("/+$", "") + LocalIssuer.ADMIN_PATH),
                LocalIssuer.ADMIN_CLIENT);
    }

    public static final class IssuerUnavailable extends IOException {
        IssuerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Signs in on the login page as {@code username}, as the site does; returns the access token. */
    public String signIn(String username) throws IOException, InterruptedException {
        return signIn(siteClient, username, null).get("access_token").asText();
    }

    /**
     * Signs in through {@code clientId} with these extra claims (JSON, or null) and returns the token
     * response ({@code access_token}, {@code id_token}): tests use it for tokens of another client, ID
     * tokens and tokens that claim more than the pool gives, which the authorizer and the services must
     * refuse.
     */
    public JsonNode signIn(String clientId, String username, String claims) throws IOException, InterruptedException {
        String verifier = randomUrlSafe(32);
        String redirectUri = issuer.resolve("/").toString();
        Map<String, String> authorization = new LinkedHashMap<>();
        authorization.put("response_type", "code");
        authorization.put("client_id", clientId);
        authorization.put("redirect_uri", redirectUri);
        authorization.put("scope", "openid");
        authorization.put("state", randomUrlSafe(8));
        authorization.put("nonce", randomUrlSafe(8));
        authorization.put("code_challenge", challenge(verifier));
        authorization.put("code_challenge_method", "S256");
        Map<String, String> login = new LinkedHashMap<>();
        login.put("username", username);
        if (claims != null) {
            login.put("claims", claims);
        }
        HttpResponse<String> submitted =
                send(HttpRequest.newBuilder(URI.create(issuer + "/authorize?" + form(authorization)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(login)))
                        .build());
        String location = submitted.headers().firstValue("Location").orElse("");
        String code = queryParameter(location, "code");
        if (submitted.statusCode() / 100 != 3 || code == null) {
            throw new IOException(
                    "the login page did not redirect with a code: " + submitted.statusCode() + " " + submitted.body());
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", redirectUri);
        exchange.put("client_id", clientId);
        exchange.put("code_verifier", verifier);
        return tokens(HttpRequest.newBuilder(URI.create(issuer + "/token")), exchange);
    }

    /** A machine token by client credentials (HTTP Basic client authentication, as Cognito wants it). */
    public String clientCredentials(String clientId, String secret, String scope)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return token(
                HttpRequest.newBuilder(URI.create(issuer + "/token")).header("Authorization", "Basic " + basic),
                Map.of("grant_type", "client_credentials", "scope", scope));
    }

    private String token(HttpRequest.Builder request, Map<String, String> form)
            throws IOException, InterruptedException {
        return tokens(request, form).get("access_token").asText();
    }

    private JsonNode tokens(HttpRequest.Builder request, Map<String, String> form)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
            throw new IOException("the token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return json;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IssuerUnavailable("nothing answers at " + issuer + ": is the local cloud running (make run)?", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
