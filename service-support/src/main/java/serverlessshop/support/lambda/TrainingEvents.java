package serverlessshop.support.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Payload-2.0 events for an AOT training run, shaped as API Gateway's HTTP API sends them (route key,
 * raw path and query, lower-case headers, the JWT authorizer's claims in the request context), so
 * that the training runs the code paths real requests run.
 */
public final class TrainingEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingEvents() {
    }

    /**
     * @param routeKey e.g. {@code GET /products/{product_id}}
     * @param claims   the authorizer's claims (a signed-in caller), or null for a public route
     * @param body     JSON, or null
     */
    public static String event(String routeKey, String path, String query, Map<String, String> claims,
                               Map<String, String> headers, String body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", query == null ? "" : query);
        ObjectNode headerNode = event.putObject("headers");
        headerNode.put("host", "training.local");
        headerNode.put("accept", "application/json");
        headerNode.put("user-agent", "aot-training");
        if (body != null) {
            headerNode.put("content-type", "application/json");
        }
        headers.forEach(headerNode::put);
        if (query != null && !query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "training");
        context.put("domainName", "training.local");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "aot-training");
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimNode = jwt.putObject("claims");
            claims.forEach(claimNode::put);
            jwt.putNull("scopes");
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    /** The claims API Gateway passes for a Cognito access token of {@code subject}. */
    public static Map<String, String> claims(String subject, String scope, String groups) {
        long now = Instant.now().getEpochSecond();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("token_use", "access");
        claims.put("client_id", "training");
        claims.put("scope", scope);
        claims.put("iat", String.valueOf(now));
        claims.put("exp", String.valueOf(now + 3600));
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return claims;
    }
}
