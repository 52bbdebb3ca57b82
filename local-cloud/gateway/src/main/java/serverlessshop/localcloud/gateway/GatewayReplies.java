package serverlessshop.localcloud.gateway;

/**
 * The answers API Gateway (HTTP API) gives itself, with its own bodies, never a problem document:
 * the functions' problem+json never appears here because no function ran.
 */
public final class GatewayReplies {

    private GatewayReplies() {}

    /**
     * A request that is not well-formed HTTP (its request line, headers, framing or percent-encoding),
     * refused before routing: API Gateway's own JSON 400, never a server's HTML error page.
     */
    public static HttpReply badRequest() {
        return HttpReply.json(400, "{\"message\":\"Bad Request\"}");
    }

    /** No route matches the method and path. */
    public static HttpReply notFound() {
        return HttpReply.json(404, "{\"message\":\"Not Found\"}");
    }

    /** No token, or the JWT authorizer refused it; the challenge says why, as API Gateway's does. */
    public static HttpReply unauthorized(String wwwAuthenticate) {
        return HttpReply.json(401, "{\"message\":\"Unauthorized\"}").withHeader("www-authenticate", wwwAuthenticate);
    }

    /** A valid token without any of the route's scopes. */
    public static HttpReply forbidden(String wwwAuthenticate) {
        return HttpReply.json(403, "{\"message\":\"Forbidden\"}").withHeader("www-authenticate", wwwAuthenticate);
    }

    /** A request body over the payload limit (10 MB). */
    public static HttpReply contentTooLarge() {
        return HttpReply.json(413, "{\"message\":\"Request Entity Too Large\"}");
    }

    /** The function failed (an error, a crash, a response API Gateway cannot read). */
    public static HttpReply internalServerError() {
        return HttpReply.json(500, "{\"message\":\"Internal Server Error\"}");
    }

    /** The function did not answer within the integration timeout (30 s): HTTP APIs answer 503, not 504. */
    public static HttpReply serviceUnavailable() {
        return HttpReply.json(503, "{\"message\":\"Service Unavailable\"}");
    }
}
