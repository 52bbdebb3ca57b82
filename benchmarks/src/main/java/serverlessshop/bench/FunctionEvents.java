package serverlessshop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import serverlessshop.localcloud.auth.AuthorizerDecision;
import serverlessshop.localcloud.gateway.IncomingRequest;
import serverlessshop.localcloud.gateway.PayloadV2Event;
import serverlessshop.localcloud.gateway.RouteMatch;
import serverlessshop.localcloud.gateway.RouteTable;
import serverlessshop.localcloud.issuer.LocalIssuer;

/**
 * Payload-2.0 events exactly as the local gateway builds them (its own {@link PayloadV2Event}, route
 * matching from routes.json), with the claims its JWT authorizer puts in for a signed-in customer:
 * what a function receives on its first request.
 */
final class FunctionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteTable routes;

    FunctionEvents(Path routesJson) throws IOException {
        this.routes = RouteTable.load(routesJson);
    }

    /** An anonymous request (the catalog needs no login). */
    byte[] anonymous(String method, String rawPath, String rawQuery) throws IOException {
        return event(method, rawPath, rawQuery, new AuthorizerDecision.Open());
    }

    /** A request of a signed-in customer, whose id is the token's {@code sub}. */
    byte[] customer(String customerId, String method, String rawPath, String rawQuery) throws IOException {
        long now = Instant.now().getEpochSecond();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", customerId);
        claims.put("token_use", "access");
        claims.put("client_id", LocalIssuer.WEB_CLIENT);
        claims.put("scope", "openid");
        claims.put("iss", "http://localhost/oauth2");
        claims.put("iat", String.valueOf(now));
        claims.put("exp", String.valueOf(now + 3600));
        return event(method, rawPath, rawQuery, new AuthorizerDecision.Allow(claims, null));
    }

    private byte[] event(String method, String rawPath, String rawQuery, AuthorizerDecision decision)
            throws IOException {
        RouteMatch match = routes.match(method, rawPath)
                .orElseThrow(() -> new IOException("no route in routes.json for " + method + " " + rawPath));
        IncomingRequest request = new IncomingRequest(
                method,
                rawPath,
                rawQuery,
                Map.of(
                        "host",
                        List.of("localhost"),
                        "accept",
                        List.of("application/json"),
                        "user-agent",
                        List.of("make-bench")),
                null,
                "127.0.0.1",
                "HTTP/1.1");
        String requestId = UUID.randomUUID().toString();
        return JSON.writeValueAsString(PayloadV2Event.of(request, match, decision, requestId, Instant.now(), 8080))
                .getBytes(StandardCharsets.UTF_8);
    }
}
