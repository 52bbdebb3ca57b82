package serverlessshop.localcloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.auth.AuthorizerDecision;

class PayloadV2EventTest {

    private static final Instant TIME = Instant.parse("2025-09-21T10:30:00Z");
    private static final Route CREATE = new Route(
            "POST /customers/{customer_id}/notes",
            "POST",
            "/customers/{customer_id}/notes",
            "createNote",
            "products",
            new Route.Authorization("jwt", List.of(), List.of()));

    private static IncomingRequest request(String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost:8080"));
        headers.put("User-Agent", List.of("curl/8.5"));
        headers.put("Accept", List.of("application/json", "text/plain"));
        headers.put("Cookie", List.of("theme=dark; session=abc"));
        headers.put("Authorization", List.of("Bearer x.y.z"));
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        return new IncomingRequest(
                "POST",
                "/customers/a%40b/notes",
                "tag=a&tag=b&q=two%20words&flag",
                headers,
                body,
                "127.0.0.1",
                "HTTP/1.1");
    }

    private static JsonNode event(IncomingRequest request, AuthorizerDecision decision) {
        RouteMatch match = new RouteMatch(CREATE, Map.of("customer_id", "a@b"));
        return PayloadV2Event.of(request, match, decision, "Yc9xTlNyDoEEJ8D=", TIME, 8080);
    }

    @Test
    void carriesTheRequestAsApiGatewayDoes() {
        JsonNode event = event(
                request("application/json", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
                new AuthorizerDecision.Allow(
                        Map.of("sub", "alice", "cognito:groups", "[admin]", "exp", "1758453600"), null));

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /customers/{customer_id}/notes");
        assertThat(event.path("rawPath").asText()).isEqualTo("/customers/a%40b/notes");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=two%20words&flag");
        assertThat(event.path("queryStringParameters").toString())
                .isEqualTo("{\"tag\":\"a,b\",\"q\":\"two words\",\"flag\":\"\"}");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"customer_id\":\"a@b\"}");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"theme=dark\",\"session=abc\"]");

        JsonNode headers = event.path("headers");
        assertThat(headers.path("accept").asText()).isEqualTo("application/json,text/plain");
        assertThat(headers.path("user-agent").asText()).isEqualTo("curl/8.5");
        assertThat(headers.path("authorization").asText()).isEqualTo("Bearer x.y.z");
        assertThat(headers.has("cookie"))
                .as("cookies move to the cookies field")
                .isFalse();
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.path("x-forwarded-port").asText()).isEqualTo("8080");
        headers.fieldNames().forEachRemaining(name -> assertThat(name).isLowerCase());

        JsonNode context = event.path("requestContext");
        assertThat(context.path("routeKey").asText()).isEqualTo("POST /customers/{customer_id}/notes");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("requestId").asText()).isEqualTo("Yc9xTlNyDoEEJ8D=");
        assertThat(context.path("time").asText()).isEqualTo("21/Sep/2025:10:30:00 +0000");
        assertThat(context.path("timeEpoch").asLong()).isEqualTo(1758450600000L);
        assertThat(context.path("domainName").asText()).isEqualTo("localhost:8080");
        assertThat(context.path("http").toString())
                .isEqualTo("{\"method\":\"POST\",\"path\":\"/customers/a%40b/notes\","
                        + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"curl/8.5\"}");
        JsonNode jwt = context.path("authorizer").path("jwt");
        assertThat(jwt.path("claims").path("cognito:groups").asText()).isEqualTo("[admin]");
        assertThat(jwt.path("claims").path("exp").isTextual()).isTrue();
        assertThat(jwt.has("scopes") && jwt.get("scopes").isNull()).isTrue();

        assertThat(event.path("body").asText()).isEqualTo("{\"text\":\"hi\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryBodiesAreBase64EncodedAndEmptyOnesLeftOut() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        JsonNode binary = event(request("image/png", png), new AuthorizerDecision.Open());
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(png);
        assertThat(binary.path("requestContext").has("authorizer"))
                .as("no authorizer ran")
                .isFalse();

        JsonNode empty = event(request(null, new byte[0]), new AuthorizerDecision.Open());
        assertThat(empty.has("body")).isFalse();
        assertThat(empty.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void routeScopesGoIntoTheAuthorizerContext() {
        JsonNode event = event(
                request(null, new byte[0]),
                new AuthorizerDecision.Allow(Map.of("sub", "orders"), List.of("products/stock")));
        assertThat(event.at("/requestContext/authorizer/jwt/scopes").toString()).isEqualTo("[\"products/stock\"]");
    }

    /**
     * Every field of the recorded API Gateway event the products handler is tested with is in the
     * events this gateway builds, and nothing the recording lacks except the optional fields.
     */
    @Test
    void hasTheShapeOfARecordedApiGatewayEvent() throws IOException {
        JsonNode recorded = new ObjectMapper()
                .readTree(Repository.root()
                        .resolve("products-impl/src/test/resources/events/create-product-admin.json")
                        .toFile());
        JsonNode built = event(
                request("application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                new AuthorizerDecision.Allow(Map.of("sub", "ada"), null));
        Set<String> recordedFields = fields(recorded, "");
        Set<String> builtFields = fields(built, "");
        assertThat(builtFields).containsAll(recordedFields);
        builtFields.removeAll(recordedFields);
        assertThat(builtFields).containsOnly("cookies", "queryStringParameters", "pathParameters");
    }

    private static Set<String> fields(JsonNode node, String prefix) {
        Set<String> fields = new TreeSet<>();
        node.properties().forEach(field -> {
            String path = prefix + field.getKey();
            fields.add(path);
            // Which headers, claims and parameters there are depends on the request, not on the format.
            if (field.getValue().isObject()
                    && !Set.of("headers", "claims", "queryStringParameters", "pathParameters")
                            .contains(field.getKey())) {
                fields.addAll(fields(field.getValue(), path + "."));
            }
        });
        return fields;
    }

    @org.junit.jupiter.api.Test
    void aContentTypeOfSeparatorsOnlyIsNotTextAndNotAGatewayError() {
        // ";;;".split(";") is empty: the gateway answered 500 (found by GatewayBadInputFuzzTest)
        assertThat(PayloadV2Event.isText(";;;")).isFalse();
        assertThat(PayloadV2Event.isText("application/json; charset=utf-8")).isTrue();
    }
}
