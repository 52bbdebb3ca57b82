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
