package serverlessshop.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    @Test
    void aRequestsPartsAsApiGatewayPassesThem() {
        JsonNode event = HttpApiEvent.request("GET /customers/{customer_id}/notes")
                .path("/customers/a%40b/notes")
                .pathParameters(Map.of("customer_id", "a@b"))
                .query("tag=a&tag=b&q=two%20words&flag&bad=%zz")
                .header("Accept", "application/json")
                .header("accept", "text/plain")
                .header("Cookie", "theme=dark; session=abc")
                .time(Instant.parse("2025-09-21T10:30:00Z"))
                .build()
                .json();

        assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=two%20words&flag&bad=%zz");
        assertThat(event.path("queryStringParameters").toString())
                .isEqualTo("{\"tag\":\"a,b\",\"q\":\"two words\",\"flag\":\"\",\"bad\":\"%zz\"}");
        assertThat(event.path("headers").path("accept").asText()).isEqualTo("application/json,text/plain");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("cookies").toString()).isEqualTo("[\"theme=dark\",\"session=abc\"]");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("GET");
        assertThat(event.at("/requestContext/http/path").asText()).isEqualTo("/customers/a%40b/notes");
        assertThat(event.at("/requestContext/time").asText()).isEqualTo("21/Sep/2025:10:30:00 +0000");
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isEqualTo(1758450600000L);
        assertThat(event.at("/requestContext/domainPrefix").asText()).isEqualTo("abc123defg");
        assertThat(event.path("requestContext").has("authorizer"))
                .as("no authorizer ran")
                .isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void theAuthorizersClaimsAndScopes() {
        Map<String, String> claims = HttpApiEvent.accessTokenClaims("orders", "products/stock openid", null);
        JsonNode fromClaims =
                HttpApiEvent.request("GET /x").claims(claims).build().json();
        assertThat(fromClaims.at("/requestContext/authorizer/jwt/scopes").toString())
                .isEqualTo("[\"products/stock\",\"openid\"]");
        assertThat(fromClaims.at("/requestContext/authorizer/jwt/claims/exp").isTextual())
                .isTrue();

        JsonNode noScopes = HttpApiEvent.request("GET /x")
                .authorizer(Map.of("sub", "ada"), null)
                .build()
                .json();
        assertThat(noScopes.at("/requestContext/authorizer/jwt/scopes").isNull())
                .isTrue();
        assertThat(HttpApiEvent.request("GET /x")
                        .authorizer(Map.of("sub", "ada"), List.of("a"))
                        .build()
                        .withClaim("sub", "bob")
                        .json()
                        .at("/requestContext/authorizer/jwt/claims/sub")
                        .asText())
                .isEqualTo("bob");
    }

    @Test
    void bodiesTextOrBase64WithTheirLength() {
        JsonNode text =
                HttpApiEvent.request("POST /x").body("{\"a\":\"é\"}").build().json();
        assertThat(text.path("body").asText()).isEqualTo("{\"a\":\"é\"}");
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.at("/headers/content-length").asText()).isEqualTo("10");

        JsonNode binary = HttpApiEvent.request("POST /x")
                .binaryBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .build()
                .json();
        assertThat(binary.path("body").asText()).isEqualTo("iVBORw==");
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(binary.at("/headers/content-length").asText()).isEqualTo("4");
    }

    /** Every field of an event recorded from API Gateway, and nothing else but the optional ones. */
    @Test
    void hasTheShapeOfARecordedApiGatewayEvent() throws IOException {
        JsonNode recorded = new ObjectMapper()
                .readTree(Path.of("../products-impl/src/test/resources/events/create-product-admin.json")
                        .toFile());
        JsonNode built = HttpApiEvent.request("POST /products")
                .body("{}")
                .authorizer(Map.of("sub", "ada"), null)
                .build()
                .json();
        Set<String> recordedFields = fields(recorded, "");
        Set<String> builtFields = fields(built, "");
        assertThat(builtFields).containsAll(recordedFields);
        builtFields.removeAll(recordedFields);
        assertThat(builtFields).isEmpty();
    }

    private static Set<String> fields(JsonNode node, String prefix) {
        Set<String> fields = new TreeSet<>();
        node.properties().forEach(field -> {
            String path = prefix + field.getKey();
            fields.add(path);
            // Which headers and claims there are depends on the request, not on the format.
            if (field.getValue().isObject() && !Set.of("headers", "claims").contains(field.getKey())) {
                fields.addAll(fields(field.getValue(), path + "."));
            }
        });
        return fields;
    }
}
