package serverlessshop.localcloud.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the gateway received it: raw path and query (still percent-encoded, as API
 * Gateway's {@code rawPath} and {@code rawQueryString}, and well-formed: see {@link RequestTarget}),
 * headers with lower-case names, the body (at most one byte past the payload limit).
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    /** API Gateway HTTP API's payload limit: 10 MB. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public IncomingRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowerCase
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                .addAll(values));
        headers = Map.copyOf(lowerCase);
        body = body == null ? new byte[0] : body;
    }

    /** This request with the header set to this one value, whatever the client sent under that name. */
    public IncomingRequest withHeader(String name, String value) {
        Map<String, List<String>> replaced = new LinkedHashMap<>(headers);
        replaced.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return new IncomingRequest(method, rawPath, rawQuery, replaced, body, sourceIp, protocol);
    }

    /** This request for another path (the query, headers and body unchanged), as a CloudFront Function rewrites it. */
    public IncomingRequest withRawPath(String path) {
        return new IncomingRequest(method, path, rawQuery, headers, body, sourceIp, protocol);
    }

    /** More than API Gateway accepts: it answers 413 before any authorizer or function runs. */
    public boolean isOverPayloadLimit() {
        return body.length > MAX_BODY_BYTES;
    }

    /** The header's values joined with commas, as API Gateway passes repeated headers; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
