package serverlessshop.localcloud.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An HTTP response about to be written: status, headers (a name may repeat), body. */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {

    /** Set by the HTTP layer itself; a function's values for them would corrupt the response. */
    private static final Set<String> FRAMING_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "date");

    public HttpReply {
        headers = new LinkedHashMap<>(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpReply json(int status, String json) {
        return new HttpReply(
                status, Map.of("content-type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply of(int status, String contentType, byte[] body) {
        return new HttpReply(status, Map.of("content-type", List.of(contentType)), body);
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.computeIfAbsent(name, n -> new ArrayList<>());
        List<String> values = new ArrayList<>(copy.get(name));
        values.add(value);
        copy.put(name, values);
        return new HttpReply(status, copy, body);
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    /** Whether the header is one the HTTP layer sets itself (see FRAMING_HEADERS). */
    static boolean isFraming(String name) {
        return FRAMING_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
