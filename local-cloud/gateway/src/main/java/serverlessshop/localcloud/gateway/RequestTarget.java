package serverlessshop.localcloud.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path and query of a request line's target, still percent-encoded, once the target is known to
 * be one API Gateway would take: origin-form ({@code /path?query}) or absolute-form
 * ({@code http://host/path?query}, which RFC 9112 obliges a server to accept); visible ASCII only;
 * every {@code %} followed by two hex digits; no character RFC 3986 forbids unencoded ({@code {}|^"<>\}
 * and the like); no fragment. Anything else is refused before routing, so no part of the gateway
 * ever decodes a malformed path or query.
 */
public record RequestTarget(String rawPath, String rawQuery) {

    public static RequestTarget parse(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException(String.format("character 0x%02x in the request target", (int) c));
            }
        }
        boolean originForm = target.startsWith("/");
        if (!originForm
                && !target.regionMatches(true, 0, "http://", 0, 7)
                && !target.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException("neither a path nor an absolute http(s) URI: " + target);
        }
        URI uri;
        try {
            // java.net.URI checks the escapes and the characters; a placeholder authority keeps a path
            // starting with "//" a path.
            uri = new URI(originForm ? "http://gateway" + target : target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason() + ": " + target);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a fragment in the request target");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RequestTarget(path, uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    /** A query's parameters, decoded, each with its values in order; the query must be one {@link #parse} took. */
    public static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
