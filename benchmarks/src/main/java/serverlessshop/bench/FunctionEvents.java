package serverlessshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import serverlessshop.localcloud.auth.AuthorizerDecision;
import serverlessshop.localcloud.auth.ClaimStrings;
import serverlessshop.localcloud.gateway.IncomingRequest;
import serverlessshop.localcloud.gateway.PayloadV2Event;
import serverlessshop.localcloud.gateway.RouteMatch;
import serverlessshop.localcloud.gateway.RouteTable;

/**
 * Payload-2.0 events exactly as the local gateway builds them (its own {@link PayloadV2Event}, route
 * matching from routes.json), with a signed-in customer's token and the claims its JWT authorizer
 * puts in: what a function receives on its first request.
 */
final class FunctionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteTable routes;

    FunctionEvents(Path routesJson) throws IOException {
        this.routes = RouteTable.load(routesJson);
    }

    /**
     * A request of a signed-in customer with this access token (of the stack's issuer): the token in the
     * {@code Authorization} header, which the function verifies itself, and on a protected route the
     * claims the gateway's authorizer adds. What a function's first request costs includes that check.
     */
    byte[] signedIn(String accessToken, String method, String rawPath, String rawQuery) throws IOException {
        RouteMatch match = match(method, rawPath);
        AuthorizerDecision decision = new AuthorizerDecision.Open();
        if (match.route().authorization().isJwt()) {
            JsonNode payload =
                    JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
            decision = new AuthorizerDecision.Allow(
                    ClaimStrings.of(payload),
                    List.of(payload.path("scope").asText().split(" ")));
        }
        return event(
                method, rawPath, rawQuery, match, decision, Map.of("authorization", List.of("Bearer " + accessToken)));
    }

    private RouteMatch match(String method, String rawPath) throws IOException {
        return routes.match(method, rawPath)
                .orElseThrow(() -> new IOException("no route in routes.json for " + method + " " + rawPath));
    }

    private byte[] event(
            String method,
            String rawPath,
            String rawQuery,
            RouteMatch match,
            AuthorizerDecision decision,
            Map<String, List<String>> extraHeaders)
            throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>(Map.of(
                "host",
                List.of("localhost"),
                "accept",
                List.of("application/json"),
                "user-agent",
                List.of("make-bench")));
        headers.putAll(extraHeaders);
        IncomingRequest request =
                new IncomingRequest(method, rawPath, rawQuery, headers, null, "127.0.0.1", "HTTP/1.1");
        String requestId = UUID.randomUUID().toString();
        return JSON.writeValueAsString(PayloadV2Event.of(request, match, decision, requestId, Instant.now(), 8080))
                .getBytes(StandardCharsets.UTF_8);
    }
}
