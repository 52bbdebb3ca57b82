package serverlessshop.localcloud.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claims as API Gateway's JWT authorizer hands them to the function: every value a string.
 * Strings stay as they are, numbers keep their digits ({@code "exp": "1758453600"}), booleans are
 * {@code "true"}/{@code "false"}, arrays become {@code "[admin staff]"} (space-separated, in
 * brackets: {@code "cognito:groups": "[admin]"}) and objects {@code "map[k:v]"}.
 */
public final class ClaimStrings {

    private ClaimStrings() {}

    public static Map<String, String> of(JsonNode payload) {
        Map<String, String> claims = new LinkedHashMap<>();
        payload.properties().forEach(claim -> {
            if (!claim.getValue().isNull()) {
                claims.put(claim.getKey(), text(claim.getValue()));
            }
        });
        return claims;
    }

    static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), text(e.getValue())));
            List<String> entries = new ArrayList<>();
            sorted.forEach((k, v) -> entries.add(k + ":" + v));
            return "map[" + String.join(" ", entries) + "]";
        }
        // Numbers as written in the token (no 1.7584536E9), booleans as true/false.
        return value.asText();
    }
}
