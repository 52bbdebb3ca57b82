package serverlessshop.localcloud.auth;

import java.util.List;
import java.util.Map;

/** What the JWT authorizer decided about one request. */
public sealed interface AuthorizerDecision {

    /**
     * Let the request through. {@code claims} and {@code scopes} go into the event's
     * {@code requestContext.authorizer.jwt}; {@code scopes} is null when the route requires none.
     */
    record Allow(Map<String, String> claims, List<String> scopes) implements AuthorizerDecision {}

    /** 401 (no or invalid token) or 403 (no matching scope), with the {@code www-authenticate} challenge. */
    record Deny(int status, String wwwAuthenticate) implements AuthorizerDecision {}

    /** The route has no authorizer. */
    record Open() implements AuthorizerDecision {}
}
