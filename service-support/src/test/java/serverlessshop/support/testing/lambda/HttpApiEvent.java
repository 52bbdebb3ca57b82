package serverlessshop.support.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An API Gateway HTTP API event (payload format 2.0) from a fixture under {@code events/} on the
 * test class path, shaped as API Gateway sends it; a test may change a copy of it before sending it
 * (its body, path, a header, a claim), as API Gateway would have built it for that request.
 */
public final class HttpApiEvent {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event;

    private HttpApiEvent(ObjectNode event) {
        this.event = event;
    }

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
     * An event built from its parts, as API Gateway builds one for a request on a route: lower-case
     * header names (repeated headers already joined with commas, as API Gateway joins them), the
     * query string raw and decoded, path parameters decoded, and the JWT authorizer's claims
     * (every value a string) when the route has an authorizer and the token passed it, else none.
     */
    public static HttpApiEvent of(String routeKey, String rawPath, Map<String, String> pathParameters,
                                  String rawQuery, Map<String, String> headers, String body, boolean base64,
                                  Map<String, String> claims) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headerNode = event.putObject("headers");
        headerNode.put("host", "abc123defg.execute-api.eu-west-1.amazonaws.com");
        headerNode.put("x-forwarded-proto", "https");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(Locale.ROOT), value));
        if (body != null) {
            headerNode.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                String[] nameValue = pair.split("=", 2);
                String name = decode(nameValue[0]);
                String value = nameValue.length > 1 ? decode(nameValue[1]) : "";
                parameters.put(name, parameters.has(name) ? parameters.get(name).asText() + "," + value : value);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123defg");
        context.put("domainName", "abc123defg.execute-api.eu-west-1.amazonaws.com");
        context.put("requestId", java.util.UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "198.51.100.23");
        http.put("userAgent", headers.getOrDefault("user-agent", "serverless-shop-tests/1.0"));
        if (claims != null) {
            putAuthorizer(context, claims);
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        return new HttpApiEvent(event);
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // API Gateway passes a malformed escape through as it came
        }
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
        return event.path("requestContext").path("authorizer").path("jwt").path("claims").isObject();
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
        ((ObjectNode) copy.path("headers")).put("content-length",
                String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
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

    /** The same event as API Gateway's JWT authorizer passes it after accepting a token with these claims. */
    public HttpApiEvent withAuthorizer(Map<String, String> claims) {
        ObjectNode copy = event.deepCopy();
        putAuthorizer((ObjectNode) copy.path("requestContext"), claims);
        return new HttpApiEvent(copy);
    }

    /** requestContext.authorizer.jwt as API Gateway's JWT authorizer fills it: the claims, and the scopes split. */
    private static void putAuthorizer(ObjectNode requestContext, Map<String, String> claims) {
        ObjectNode jwt = requestContext.putObject("authorizer").putObject("jwt");
        ObjectNode claimNode = jwt.putObject("claims");
        claims.forEach(claimNode::put);
        var scopes = jwt.putArray("scopes");
        String scope = claims.get("scope");
        if (scope != null) {
            for (String word : scope.split(" ")) {
                scopes.add(word);
            }
        }
    }

    /** The same event with one claim of the JWT authorizer replaced (a string, as API Gateway passes every claim). */
    public HttpApiEvent withClaim(String name, String value) {
        ObjectNode copy = event.deepCopy();
        JsonNode claims = copy.path("requestContext").path("authorizer").path("jwt").path("claims");
        if (!(claims instanceof ObjectNode object)) {
            throw new IllegalStateException("this event has no authorizer claims");
        }
        object.put(name, value);
        return new HttpApiEvent(copy);
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
}
