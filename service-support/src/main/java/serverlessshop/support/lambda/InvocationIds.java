package serverlessshop.support.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.logging.TraceHeader;

/**
 * The ids of a scheduled function's invocation (no HTTP request, so no caller's id): its Lambda
 * request id, also as the correlation id that its calls to other functions carry, and its X-Ray
 * trace id when sampled, in the MDC while it runs, like {@link HttpApiFunction} does for API requests.
 */
public final class InvocationIds {

    private InvocationIds() {}

    public static <T> T during(Context context, Supplier<T> invocation) {
        String requestId = context == null ? null : context.getAwsRequestId();
        if (requestId != null) {
            MDC.put(CorrelationIds.LAMBDA_REQUEST_ID, requestId);
        }
        MDC.put(CorrelationIds.CORRELATION_ID, CorrelationIds.choose(requestId));
        CorrelationIds.putTraceId(TraceHeader.ofInvocation(context));
        try {
            return invocation.get();
        } finally {
            MDC.remove(CorrelationIds.TRACE_ID);
            MDC.remove(CorrelationIds.CORRELATION_ID);
            MDC.remove(CorrelationIds.LAMBDA_REQUEST_ID);
        }
    }
}
