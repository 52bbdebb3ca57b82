package serverlessshop.support.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS X-Ray trace header of the invocation being served ({@code Root=1-...;Parent=...;Sampled=1}):
 * Lambda hands it to the runtime with each event. With active tracing, Lambda records the function's
 * segments under this root; passing the header on with a call puts the callee in the same trace.
 *
 * @param value   the header as Lambda gave it, to pass on unchanged
 * @param root    the trace id, {@code 1-<8 hex>-<24 hex>}: what the X-Ray console and API look traces up by
 * @param sampled whether X-Ray records this trace (an unsampled root is never stored)
 */
public record TraceHeader(String value, String root, boolean sampled) {

    /** The HTTP header that carries it between services. */
    public static final String HEADER = "X-Amzn-Trace-Id";
    /**
     * Where the Java runtime puts it for each invocation: a Java process cannot change its own
     * environment, so {@code _X_AMZN_TRACE_ID} is the other runtimes' way and a fallback here.
     */
    static final String PROPERTY = "com.amazonaws.xray.traceHeader";

    static final String VARIABLE = "_X_AMZN_TRACE_ID";

    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    /** What a header may hold: it goes into a log field and onto a request, so nothing else passes. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9=;:._-]{1,256}");

    /** The header of the invocation this thread serves: the Lambda context's, else the runtime's property, else the variable. */
    public static Optional<TraceHeader> ofInvocation(Context context) {
        String fromContext = context == null ? null : context.getXrayTraceId();
        if (fromContext != null && !fromContext.isBlank()) {
            return parse(fromContext);
        }
        return ofInvocation();
    }

    /** As {@link #ofInvocation(Context)} where no context is at hand (a call made during the invocation). */
    public static Optional<TraceHeader> ofInvocation() {
        String header = System.getProperty(PROPERTY);
        return parse(header == null || header.isBlank() ? System.getenv(VARIABLE) : header);
    }

    /** The header's root and sampling decision; empty when it has no valid root or holds anything unexpected. */
    public static Optional<TraceHeader> parse(String header) {
        if (header == null || !WELL_FORMED.matcher(header).matches()) {
            return Optional.empty();
        }
        String root = null;
        boolean sampled = false;
        for (String field : header.split(";")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = field.substring(0, equals).trim();
            String value = field.substring(equals + 1).trim();
            if (key.equals("Root")) {
                root = value;
            } else if (key.equals("Sampled")) {
                sampled = value.equals("1");
            }
        }
        return root != null && ROOT.matcher(root).matches()
                ? Optional.of(new TraceHeader(header, root, sampled))
                : Optional.empty();
    }
}
