package serverlessshop.support.testing.lambda;

import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a handler wrote back for API Gateway: a payload-format-2.0 response
 * ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}), kept as written.
 */
public record HttpApiResponse(JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static HttpApiResponse parse(byte[] output) {
        try {
            return new HttpApiResponse(JSON.readTree(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int statusCode() {
        return json.path("statusCode").asInt();
    }

    /** The headers, names in lower case (HTTP header names are case-insensitive). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        json.path("headers")
                .properties()
                .forEach(header -> headers.put(
                        header.getKey().toLowerCase(Locale.ROOT),
                        header.getValue().asText()));
        return headers;
    }

    public String header(String name) {
        return headers().get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return json.path("body").isNull() ? null : json.path("body").asText(null);
    }

    public JsonNode bodyJson() {
        try {
            return JSON.readTree(body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasBase64Flag() {
        return json.path("isBase64Encoded").isBoolean();
    }

    public boolean isBase64Encoded() {
        return json.path("isBase64Encoded").asBoolean();
    }

    /** As the contract validator takes it. */
    public SimpleResponse toSimpleResponse() {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(statusCode());
        headers().forEach(builder::withHeader);
        if (body() != null && !body().isEmpty()) {
            builder.withBody(body());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
