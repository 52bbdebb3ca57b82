package serverlessshop.localcloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {

    private static IncomingRequest request(String method, String origin, boolean preflight) {
        Map<String, List<String>> headers = new java.util.HashMap<>(Map.of("Origin", List.of(origin)));
        if (preflight) {
            headers.put("Access-Control-Request-Method", List.of("POST"));
        }
        return new IncomingRequest(method, "/orders", "", headers, null, "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void theViteDevServerMayCallTheApi() {
        IncomingRequest preflight = request("OPTIONS", "http://localhost:5173", true);
        assertThat(Cors.isPreflight(preflight)).isTrue();
        HttpReply reply = Cors.preflight(preflight);
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("access-control-allow-origin")).isEqualTo("http://localhost:5173");
        assertThat(reply.header("access-control-allow-headers"))
                .contains("authorization", "idempotency-key", "if-match");

        HttpReply actual = Cors.decorate(request("GET", "http://localhost:5173", false), HttpReply.json(200, "{}"));
        assertThat(actual.header("access-control-allow-origin")).isEqualTo("http://localhost:5173");
        assertThat(actual.header("access-control-expose-headers")).contains("etag", "location");
    }

    @Test
    void noOtherOriginIs() {
        assertThat(Cors.preflight(request("OPTIONS", "https://evil.example", true))
                        .header("access-control-allow-origin"))
                .isNull();
        assertThat(Cors.decorate(request("GET", "https://evil.example", false), HttpReply.json(200, "{}"))
                        .header("access-control-allow-origin"))
                .isNull();
        assertThat(Cors.isPreflight(request("OPTIONS", "http://localhost:5173", false)))
                .isFalse();
    }
}
