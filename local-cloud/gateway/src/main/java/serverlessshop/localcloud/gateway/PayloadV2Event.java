package serverlessshop.localcloud.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.localcloud.auth.AuthorizerDecision;

/**
 * The event the gateway sends a Lambda function for a request (payload format 2.0): the request's
 * parts, the route's match and the authorizer's decision handed to {@link HttpApiEvent}, which
 * shapes it as API Gateway does; the body base64-encoded when it is not text.
 */
public final class PayloadV2Event {

    public static final String ACCOUNT_ID = "000000000000";
    public static final String API_ID = "local";

    private PayloadV2Event() {}

    public static ObjectNode of(
            IncomingRequest request,
            RouteMatch match,
            AuthorizerDecision authorizer,
            String requestId,
            Instant time,
            int gatewayPort) {
        HttpApiEvent.Builder event = HttpApiEvent.request(match.route().routeKey())
                .path(request.rawPath())
                .query(request.rawQuery())
                .pathParameters(match.pathParameters())
                .api(ACCOUNT_ID, API_ID)
                .domainName(request.header("host") == null ? "localhost" : request.header("host"))
                .requestId(requestId)
                .time(time)
                .client(request.sourceIp(), request.protocol())
                .forwarded("http", gatewayPort);
        request.headers().forEach((name, values) -> values.forEach(value -> event.header(name, value)));
        if (authorizer instanceof AuthorizerDecision.Allow allow) {
            event.authorizer(allow.claims(), allow.scopes());
        }
        if (request.body().length > 0) {
            if (isText(request.header("content-type"))) {
                event.body(new String(request.body(), StandardCharsets.UTF_8));
            } else {
                event.binaryBody(request.body());
            }
        }
        return event.build().json();
    }

    /** Text bodies travel as they are; anything else (images, octet streams) base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        // split with a limit: ";;;".split(";") is an empty array, and [0] was a 500 of the gateway
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/graphql");
    }
}
