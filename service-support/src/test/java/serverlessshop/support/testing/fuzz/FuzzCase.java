package serverlessshop.support.testing.fuzz;

import java.util.Map;
import serverlessshop.httpapi.HttpApiEvent;

/**
 * One generated request, as API Gateway would hand it over: a route and its concrete path, the
 * query string, the headers (a repeated header already joined with commas), the body as sent.
 *
 * @param mustReject the contract says this input is invalid, so a 2xx answer is a failure
 * @param wrong      the field, parameter or header that is wrong (as the contract names it), when one is
 * @param seed       replays this case alone: {@code SHOP_FUZZ_SEED=<seed>} with one case per operation
 */
public record FuzzCase(
        String operationId,
        String kind,
        String routeKey,
        String rawPath,
        Map<String, String> pathParameters,
        String rawQuery,
        Map<String, String> headers,
        String body,
        boolean base64,
        boolean mustReject,
        String wrong,
        long seed) {

    public String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    /** The event API Gateway would send for it, with these authorizer claims (or none). */
    public HttpApiEvent toEvent(Map<String, String> claims) {
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(rawPath)
                .pathParameters(pathParameters)
                .query(rawQuery)
                .headers(headers)
                .claims(claims);
        if (body != null) {
            if (base64) {
                event.base64Body(body);
            } else {
                event.body(body);
            }
        }
        return event.build();
    }

    /** The request, shortened where it is huge, for a failure message. */
    @Override
    public String toString() {
        return operationId + " [" + kind + (wrong == null ? "" : " " + wrong) + "] seed=" + seed + "\n  "
                + method() + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + shorten(rawQuery))
                + "\n  headers: " + shorten(headers.toString())
                + (body == null ? "" : "\n  body" + (base64 ? " (base64)" : "") + ": " + shorten(body));
    }

    private static String shorten(String text) {
        String visible = text.codePoints()
                .collect(
                        StringBuilder::new,
                        (out, c) -> {
                            if (c < 0x20
                                    || c == 0x7F
                                    || Character.isSurrogate((char) c) && c <= 0xFFFF
                                    || c == 0x202E) {
                                out.append(String.format("\\u%04X", c));
                            } else {
                                out.appendCodePoint(c);
                            }
                        },
                        StringBuilder::append)
                .toString();
        return visible.length() <= 400
                ? visible
                : visible.substring(0, 300) + "...(" + visible.length() + " chars)..."
                        + visible.substring(visible.length() - 60);
    }
}
