package serverlessshop.localcloud.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.auth.AuthorizerDecision;
import serverlessshop.localcloud.auth.JwtAuthorizer;
import serverlessshop.localcloud.lambda.FunctionFailure;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * One request to a route of the API, as API Gateway's HTTP API handles it: the JWT authorizer first
 * (a refused request never reaches the function), then the payload-2.0 event to the route's
 * function, then the function's response back as HTTP, within the 30-second integration timeout.
 */
public final class HttpApi {

    /** API Gateway's maximum integration timeout for HTTP APIs. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtAuthorizer authorizer;
    private final Map<String, LambdaFunction> functions;
    private final int gatewayPort;

    public HttpApi(JwtAuthorizer authorizer, Map<String, LambdaFunction> functions, int gatewayPort) {
        this.authorizer = authorizer;
        this.functions = Map.copyOf(functions);
        this.gatewayPort = gatewayPort;
    }

    public HttpReply handle(IncomingRequest request, RouteMatch match, String requestId, Instant arrival)
            throws IOException, InterruptedException {
        Route route = match.route();
        AuthorizerDecision decision = authorizer.authorize(route.authorization(), request.header("authorization"));
        if (decision instanceof AuthorizerDecision.Deny deny) {
            return deny.status() == 403
                    ? GatewayReplies.forbidden(deny.wwwAuthenticate())
                    : GatewayReplies.unauthorized(deny.wwwAuthenticate());
        }
        LambdaFunction function = functions.get(route.function());
        if (function == null) {
            Console.gateway(route.routeKey() + ": the function \"" + route.function() + "\" is not built" + " (no "
                    + route.function() + "-impl/target/lambda/Dockerfile or lib): 500");
            return GatewayReplies.internalServerError();
        }
        byte[] event =
                JSON.writeValueAsBytes(PayloadV2Event.of(request, match, decision, requestId, arrival, gatewayPort));
        try {
            return PayloadV2Response.of(function.invoke(event, arrival.plus(INTEGRATION_TIMEOUT)));
        } catch (FunctionFailure e) {
            Console.gateway(route.routeKey() + ": " + function.name() + " failed: " + abbreviate(e.getMessage()));
            return GatewayReplies.internalServerError();
        } catch (PayloadV2Response.Unreadable e) {
            Console.gateway(route.routeKey() + ": " + e.getMessage());
            return GatewayReplies.internalServerError();
        } catch (TimeoutException e) {
            Console.gateway(route.routeKey() + ": no response from " + function.name() + " within "
                    + INTEGRATION_TIMEOUT.toSeconds() + " s");
            return GatewayReplies.serviceUnavailable();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
