package serverlessshop.localcloud.gateway;

/**
 * CORS as the HTTP API's CORS configuration answers it, for one origin: the Vite dev server
 * (http://localhost:5173), so the site can be developed with hot reload against this stack. The
 * built site is served from the gateway's own origin and needs none of this. Preflight requests are
 * answered by the gateway itself, before routing, as API Gateway does.
 */
public final class Cors {

    public static final String DEV_SERVER_ORIGIN = "http://localhost:5173";

    private Cors() {}

    public static boolean isPreflight(IncomingRequest request) {
        return request.method().equals("OPTIONS")
                && request.header("origin") != null
                && request.header("access-control-request-method") != null;
    }

    public static HttpReply preflight(IncomingRequest request) {
        HttpReply reply = new HttpReply(204, java.util.Map.of(), null);
        if (!allowed(request)) {
            return reply;
        }
        return reply.withHeader("access-control-allow-origin", DEV_SERVER_ORIGIN)
                .withHeader("access-control-allow-methods", "GET, POST, PUT, DELETE, OPTIONS")
                .withHeader(
                        "access-control-allow-headers",
                        "authorization, content-type, idempotency-key, if-match, x-correlation-id")
                .withHeader("access-control-max-age", "600")
                .withHeader("vary", "origin");
    }

    /** The headers an actual (not preflight) response needs for the browser to hand it to the page. */
    public static HttpReply decorate(IncomingRequest request, HttpReply reply) {
        if (!allowed(request)) {
            return reply;
        }
        return reply.withHeader("access-control-allow-origin", DEV_SERVER_ORIGIN)
                .withHeader(
                        "access-control-expose-headers",
                        "etag, location, idempotent-replayed, retry-after, x-correlation-id")
                .withHeader("vary", "origin");
    }

    private static boolean allowed(IncomingRequest request) {
        return DEV_SERVER_ORIGIN.equals(request.header("origin"));
    }
}
