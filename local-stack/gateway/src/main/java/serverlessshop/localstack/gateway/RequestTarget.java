package serverlessshop.localstack.gateway;

import java.net.URI;
import java.net.URISyntaxException;

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
        if (!originForm && !target.regionMatches(true, 0, "http://", 0, 7)
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
}
