package serverlessshop.support.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The ids every log line of a request carries (as MDC keys, so the JSON log lines have them as
 * fields): the Lambda request id of the invocation, and a correlation id that follows one shopper's
 * action across functions. The correlation id comes from the caller's {@code X-Correlation-Id} when
 * it is well formed (orders passes its own to products), else from API Gateway's request id.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    /** MDC key of the correlation id. */
    public static final String CORRELATION_ID = "correlation_id";
    /** MDC key of the Lambda request id ({@code Context.getAwsRequestId()}). */
    public static final String LAMBDA_REQUEST_ID = "aws_request_id";
    /**
     * MDC key of the X-Ray trace id of the invocation, when X-Ray records it (sampled): ECS's field
     * for the trace a line belongs to, so a line leads to its trace and a trace to its lines.
     */
    public static final String TRACE_ID = "trace.id";

    /**
     * Letters, digits and {@code - _ . : = + /} (UUIDs, API Gateway and X-Ray ids), at most 128: nothing a
     * caller sends can break a log line or forge a field.
     */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:=+/-]{1,128}");

    private CorrelationIds() {}

    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /** The first well-formed candidate, or a new random id. */
    public static String choose(String... candidates) {
        for (String candidate : candidates) {
            if (isWellFormed(candidate)) {
                return candidate;
            }
        }
        return UUID.randomUUID().toString();
    }

    /** Puts the invocation's trace id in the MDC if X-Ray records its trace; true if it did. */
    public static boolean putTraceId(Optional<TraceHeader> trace) {
        return trace.filter(TraceHeader::sampled)
                .map(sampled -> {
                    MDC.put(TRACE_ID, sampled.root());
                    return true;
                })
                .orElse(false);
    }

    /** The correlation id of the request this thread serves; null outside one. */
    public static String current() {
        return MDC.get(CORRELATION_ID);
    }
}
