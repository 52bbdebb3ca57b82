package serverlessshop.support.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/**
 * Opaque keyset-pagination cursors: the sort key of the last item of a page, as base64url JSON.
 * Opaque to clients, so the sort key can change without changing the contract.
 */
public final class Cursors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {}

    public static String encode(Map<String, String> position) {
        try {
            return ENCODER.encodeToString(JSON.writeValueAsBytes(position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The position a cursor names, or 400 naming the cursor when it is not one of ours (a required key missing or blank). */
    public static Map<String, String> decode(String cursor, List<String> requiredKeys) {
        try {
            Map<String, String> position = JSON.readValue(
                    new String(DECODER.decode(cursor), StandardCharsets.UTF_8),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            // "null" is valid JSON too, and decodes to no map at all
            if (position != null
                    && requiredKeys.stream()
                            .allMatch(key -> position.get(key) != null
                                    && !position.get(key).isBlank())) {
                return position;
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // not a cursor of ours: answered below
        }
        throw new ProblemException(
                HttpStatus.BAD_REQUEST,
                "VALIDATION_FAILED",
                "The field cursor is not a valid cursor.",
                Map.of("errors", List.of(new FieldProblem("cursor", "query", "is not a valid cursor"))),
                HttpHeaders.EMPTY);
    }
}
