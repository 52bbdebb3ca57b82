package serverlessshop.support.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/**
 * Opaque keyset-pagination cursors: the sort key of the last item of a page as JSON, behind an
 * HMAC-SHA256 tag of it, all base64url (the contracts' cursor pattern has no room for a separator).
 * Opaque to clients, so the sort key can change without changing the contract; signed, so a client
 * cannot make the service start a page anywhere it did not itself end one.
 */
public final class Cursors {

    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits of the tag: forging one stays out of reach, and the cursor stays well under 512 characters. */
    private static final int TAG_BYTES = 16;

    static final int MIN_KEY_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public Cursors(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A cursor key has at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public String encode(Map<String, String> position) {
        try {
            byte[] json = JSON.writeValueAsBytes(position);
            byte[] cursor = Arrays.copyOf(tag(json), TAG_BYTES + json.length);
            System.arraycopy(json, 0, cursor, TAG_BYTES, json.length);
            return ENCODER.encodeToString(cursor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The position a cursor names, or 400 naming the cursor when it is not one of ours: not signed
     * with our key, or a required key missing or blank.
     */
    public Map<String, String> decode(String cursor, List<String> requiredKeys) {
        try {
            byte[] bytes = DECODER.decode(cursor);
            if (bytes.length > TAG_BYTES) {
                byte[] json = Arrays.copyOfRange(bytes, TAG_BYTES, bytes.length);
                // Constant time: how much of a tag matched must not show in the answer's timing.
                if (MessageDigest.isEqual(Arrays.copyOf(tag(json), TAG_BYTES), Arrays.copyOf(bytes, TAG_BYTES))) {
                    Map<String, String> position = JSON.readValue(
                            new String(json, StandardCharsets.UTF_8),
                            JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
                    // "null" is valid JSON too, and decodes to no map at all
                    if (position != null
                            && requiredKeys.stream()
                                    .allMatch(key -> position.get(key) != null
                                            && !position.get(key).isBlank())) {
                        return position;
                    }
                }
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

    private byte[] tag(byte[] json) {
        try {
            // A Mac is not thread-safe, and making one is cheap next to the request it serves.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(json);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
