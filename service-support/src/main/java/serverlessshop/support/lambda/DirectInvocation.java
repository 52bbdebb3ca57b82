package serverlessshop.support.lambda;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * A request that reached the function through Lambda's {@code Invoke} API, signed by a caller that
 * IAM allowed ({@code lambda:InvokeFunction}), rather than through API Gateway. The mark is the
 * invocation's client context: a direct caller sends one ({@code ClientContext.custom}, e.g.
 * {@code {"caller":"orders"}}), and API Gateway never does, whatever the client put in the request,
 * because the client context is not part of the event but of the invocation. The one definition of
 * it, for every filter and rule that treats direct invocations differently.
 */
public final class DirectInvocation {

    /** The key of {@code ClientContext.custom} that names the calling service. */
    public static final String CALLER = "caller";

    private DirectInvocation() {}

    /** Whether this request came in a direct invocation: its Lambda context has a client context. */
    public static boolean is(HttpServletRequest request) {
        return clientContext(request) != null;
    }

    /** The calling service a direct invocation names ({@code custom.caller}), or null. */
    public static String caller(HttpServletRequest request) {
        ClientContext context = clientContext(request);
        Map<String, String> custom = context == null ? null : context.getCustom();
        return custom == null ? null : custom.get(CALLER);
    }

    private static ClientContext clientContext(HttpServletRequest request) {
        return request.getAttribute(RequestReader.LAMBDA_CONTEXT_PROPERTY) instanceof Context context
                ? context.getClientContext()
                : null;
    }
}
