package serverlessshop.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An event of API Gateway's HTTP API for a Lambda function, payload format 2.0, in the shape API
 * Gateway sends it (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * built from a request's parts ({@link #request}), or read from a recorded one ({@link #fixture}),
 * and changed as a copy ({@code with...}) as API Gateway would have built it for that other request.
 */
public final class HttpApiEvent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectNode event;

    private HttpApiEvent(ObjectNode event) {
        this.event = event;
    }

    /** The event of a request on a route, e.g. {@code GET /products/{product_id}}; its method is the route's. */
    public static Builder request(String routeKey) {
        return new Builder(routeKey);
    }

    /** A recorded event, {@code events/<name>.json} on the class path. */
    public static HttpApiEvent fixture(String name) {
        try (InputStream in = HttpApiEvent.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no event fixture events/" + name + ".json");
            }
            return new HttpApiEvent((ObjectNode) JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The claims API Gateway's JWT authorizer passes for a Cognito access token of {@code subject}:
     * every value a string, the groups as Cognito's {@code [a b]}.
     *
     * @param groups e.g. {@code [admin]}, or null for none
     */
    public static Map<String, String> accessTokenClaims(String subject, String scope, String groups) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("token_use", "access");
        claims.put("client_id", "serverless-shop");
        claims.put("scope", scope);
        claims.put("iat", String.valueOf(now));
        claims.put("exp", String.valueOf(now + 3600));
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return claims;
    }

    public String method() {
        return event.path("requestContext").path("http").path("method").asText();
    }

    public String rawPath() {
        return event.path("rawPath").asText();
    }

    public boolean hasHeader(String name) {
        return event.path("headers").has(name.toLowerCase(Locale.ROOT));
    }

    public boolean hasAuthorizerClaims() {
        return event.path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims")
                .isObject();
    }

    /** The same event with one field of its JSON body replaced (content-length follows, as API Gateway's would). */
    public HttpApiEvent withBodyField(String field, String value) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
            body.put(field, value);
            return withBody(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same event with another JSON body. */
    public HttpApiEvent withBody(String body) {
        ObjectNode copy = event.deepCopy();
        copy.put("body", body);
        ((ObjectNode) copy.path("headers"))
                .put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return new HttpApiEvent(copy);
    }

    /** The same route at another concrete path, with the path parameters API Gateway would extract from it. */
    public HttpApiEvent at(String rawPath, Map<String, String> pathParameters) {
        ObjectNode copy = event.deepCopy();
        copy.put("rawPath", rawPath);
        ((ObjectNode) copy.path("requestContext").path("http")).put("path", rawPath);
        ObjectNode parameters = copy.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        return new HttpApiEvent(copy);
    }

    /** The same event with a header set (names in lower case, as API Gateway passes them). */
    public HttpApiEvent withHeader(String name, String value) {
        ObjectNode copy = event.deepCopy();
        ((ObjectNode) copy.path("headers")).put(name.toLowerCase(Locale.ROOT), value);
        return new HttpApiEvent(copy);
    }

    /** The same event as the JWT authorizer passes it after accepting a token with these claims (scopes from its scope claim). */
    public HttpApiEvent withAuthorizer(Map<String, String> claims) {
        ObjectNode copy = event.deepCopy();
        putAuthorizer((ObjectNode) copy.path("requestContext"), claims, scopes(claims));
        return new HttpApiEvent(copy);
    }

    /** The same event with one claim of the JWT authorizer replaced (a string, as API Gateway passes every claim). */
    public HttpApiEvent withClaim(String name, String value) {
        ObjectNode copy = event.deepCopy();
        JsonNode claims =
                copy.path("requestContext").path("authorizer").path("jwt").path("claims");
        if (!(claims instanceof ObjectNode object)) {
            throw new IllegalStateException("this event has no authorizer claims");
        }
        object.put(name, value);
        return new HttpApiEvent(copy);
    }

    /** The event as JSON, a copy. */
    public ObjectNode json() {
        return event.deepCopy();
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return method() + " " + rawPath();
    }

    private static List<String> scopes(Map<String, String> claims) {
        String scope = claims.get("scope");
        return scope == null ? List.of() : List.of(scope.split(" "));
    }

    /** requestContext.authorizer.jwt as the JWT authorizer fills it: the claims, and the scopes (null: JSON null). */
    private static void putAuthorizer(ObjectNode requestContext, Map<String, String> claims, List<String> scopes) {
        ObjectNode jwt = requestContext.putObject("authorizer").putObject("jwt");
        ObjectNode claimNode = jwt.putObject("claims");
        claims.forEach(claimNode::put);
        if (scopes == null) {
            jwt.putNull("scopes");
        } else {
            ArrayNode array = jwt.putArray("scopes");
            scopes.forEach(array::add);
        }
    }

    /**
     * The parts of a request, and what API Gateway adds to them (the x-forwarded headers, a trace id).
     * Unless set: a request of 198.51.100.23 over HTTPS to {@code abc123defg.execute-api.eu-west-1.amazonaws.com},
     * now, with a new request id.
     */
    public static final class Builder {

        private final String routeKey;
        private String rawPath;
        private String rawQuery = "";
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> cookies = new ArrayList<>();
        private String body;
        private boolean base64;
        private Map<String, String> claims;
        private List<String> scopes;
        private String accountId = "123456789012";
        private String apiId = "abc123defg";
        private String domainName;
        private String requestId = UUID.randomUUID().toString();
        private Instant time = Instant.now();
        private String sourceIp = "198.51.100.23";
        private String protocol = "HTTP/1.1";
        private String forwardedProto = "https";
        private int forwardedPort = 443;

        private Builder(String routeKey) {
            if (routeKey.indexOf(' ') < 1) {
                throw new IllegalArgumentException("a route key is \"METHOD /path\": " + routeKey);
            }
            this.routeKey = routeKey;
            this.rawPath = routeKey.substring(routeKey.indexOf(' ') + 1);
        }

        /** The path as requested, still percent-encoded (the route key's path until set). */
        public Builder path(String rawPath) {
            this.rawPath = rawPath;
            return this;
        }

        /** The path's parameters as the route extracts them, decoded. */
        public Builder pathParameters(Map<String, String> parameters) {
            pathParameters.putAll(parameters);
            return this;
        }

        /** The query as requested, still percent-encoded, without the {@code ?}; null or empty for none. */
        public Builder query(String rawQuery) {
            this.rawQuery = rawQuery == null ? "" : rawQuery;
            return this;
        }

        /**
         * A request header: the name in lower case, a repeated header's values joined with commas, and
         * {@code cookie} taken apart into the event's {@code cookies}, as API Gateway passes them.
         */
        public Builder header(String name, String value) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (lowerCase.equals("cookie")) {
                for (String cookie : value.split(";|,")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            } else {
                headers.merge(lowerCase, value, (first, next) -> first + "," + next);
            }
            return this;
        }

        public Builder headers(Map<String, String> all) {
            all.forEach(this::header);
            return this;
        }

        /** A text body (JSON, form, ...), as it came. */
        public Builder body(String text) {
            this.body = text;
            this.base64 = false;
            return this;
        }

        /** A body already base64-encoded, as API Gateway passes one that is not text. */
        public Builder base64Body(String encoded) {
            this.body = encoded;
            this.base64 = true;
            return this;
        }

        public Builder binaryBody(byte[] bytes) {
            return base64Body(Base64.getEncoder().encodeToString(bytes));
        }

        /** The JWT authorizer accepted a token with these claims (every value a string; null: none ran); scopes from its scope claim. */
        public Builder claims(Map<String, String> tokenClaims) {
            return authorizer(tokenClaims, tokenClaims == null ? null : scopes(tokenClaims));
        }

        /** The JWT authorizer accepted a token with these claims, and these scopes (null: the route asks for none). */
        public Builder authorizer(Map<String, String> tokenClaims, List<String> tokenScopes) {
            this.claims = tokenClaims == null ? null : new LinkedHashMap<>(tokenClaims);
            this.scopes = tokenScopes == null ? null : List.copyOf(tokenScopes);
            return this;
        }

        /** Which API of which account: the request context's {@code accountId} and {@code apiId}. */
        public Builder api(String account, String api) {
            this.accountId = account;
            this.apiId = api;
            return this;
        }

        /** The host the request was sent to (its host header when none is set); by default the API's execute-api domain. */
        public Builder domainName(String host) {
            this.domainName = host;
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        /** When API Gateway received the request. */
        public Builder time(Instant received) {
            this.time = received;
            return this;
        }

        /** The client's address and the HTTP version it spoke. */
        public Builder client(String ip, String httpProtocol) {
            this.sourceIp = ip;
            this.protocol = httpProtocol;
            return this;
        }

        /** How the client reached API Gateway, which passes it on as x-forwarded-proto and x-forwarded-port. */
        public Builder forwarded(String proto, int port) {
            this.forwardedProto = proto;
            this.forwardedPort = port;
            return this;
        }

        public HttpApiEvent build() {
            String host = domainName != null
                    ? domainName
                    : headers.getOrDefault("host", apiId + ".execute-api.eu-west-1.amazonaws.com");
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "2.0");
            event.put("routeKey", routeKey);
            event.put("rawPath", rawPath);
            event.put("rawQueryString", rawQuery);
            if (!cookies.isEmpty()) {
                ArrayNode array = event.putArray("cookies");
                cookies.forEach(array::add);
            }
            ObjectNode headerNode = event.putObject("headers");
            headerNode.put("host", host);
            headers.forEach(headerNode::put);
            // What API Gateway adds in front of every integration.
            headerNode.put("x-forwarded-for", sourceIp);
            headerNode.put("x-forwarded-port", String.valueOf(forwardedPort));
            headerNode.put("x-forwarded-proto", forwardedProto);
            if (!headers.containsKey("x-amzn-trace-id")) {
                headerNode.put(
                        "x-amzn-trace-id",
                        "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-"
                                + requestId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));
            }
            if (body != null && !headers.containsKey("content-length")) {
                headerNode.put("content-length", String.valueOf(length(body, base64)));
            }
            Map<String, String> query = queryParameters(rawQuery);
            if (!query.isEmpty()) {
                ObjectNode parameters = event.putObject("queryStringParameters");
                query.forEach(parameters::put);
            }
            if (!pathParameters.isEmpty()) {
                ObjectNode parameters = event.putObject("pathParameters");
                pathParameters.forEach(parameters::put);
            }
            ObjectNode context = event.putObject("requestContext");
            context.put("accountId", accountId);
            context.put("apiId", apiId);
            if (claims != null) {
                putAuthorizer(context, claims, scopes);
            }
            context.put("domainName", host);
            context.put("domainPrefix", host.replaceFirst("[.:].*", ""));
            ObjectNode http = context.putObject("http");
            http.put("method", routeKey.substring(0, routeKey.indexOf(' ')));
            http.put("path", rawPath);
            http.put("protocol", protocol);
            http.put("sourceIp", sourceIp);
            http.put("userAgent", headers.getOrDefault("user-agent", ""));
            context.put("requestId", requestId);
            context.put("routeKey", routeKey);
            context.put("stage", "$default");
            context.put("time", TIME.format(time));
            context.put("timeEpoch", time.toEpochMilli());
            if (body != null) {
                event.put("body", body);
            }
            event.put("isBase64Encoded", base64);
            return new HttpApiEvent(event);
        }

        private static int length(String body, boolean base64) {
            if (base64) {
                try {
                    return Base64.getDecoder().decode(body).length;
                } catch (IllegalArgumentException e) {
                    // a test's malformed base64: the client sent that many bytes
                }
            }
            return body.getBytes(StandardCharsets.UTF_8).length;
        }

        /** API Gateway's queryStringParameters: decoded, a repeated parameter's values joined with commas. */
        private static Map<String, String> queryParameters(String rawQuery) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] nameValue = pair.split("=", 2);
                String name = decode(nameValue[0]);
                String value = nameValue.length > 1 ? decode(nameValue[1]) : "";
                parameters.merge(name, value, (first, next) -> first + "," + next);
            }
            return parameters;
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return text; // API Gateway passes a malformed escape through as it came
            }
        }
    }
}
