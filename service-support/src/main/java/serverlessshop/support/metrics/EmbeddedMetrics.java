package serverlessshop.support.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.slf4j.MDC;
import serverlessshop.support.logging.CorrelationIds;

/**
 * Business counts as CloudWatch embedded metric format (EMF) lines: one JSON object per line on
 * standard output, which CloudWatch Logs turns into metrics as it takes in a Lambda function's log.
 * No SDK, no network call, nothing added to a request but one line. The format is a handful of
 * fields, written here with the JSON library the service has anyway; AWS's EMF library would add its
 * own environment detection and dependencies to every cold start for the same line.
 *
 * <p>Each line holds one count of 1 under {@code namespace}, with the dimensions given (e.g. the
 * function's name, so that each environment has its own series), and the invocation's correlation
 * and trace ids as plain fields: a metric's data point leads to its request's log lines and trace.
 */
public final class EmbeddedMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Map<String, String> dimensions;
    private final PrintStream out;
    private final Clock clock;

    public EmbeddedMetrics(String namespace, Map<String, String> dimensions, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.dimensions = Map.copyOf(dimensions);
        this.out = out;
        this.clock = clock;
    }

    /** One occurrence of {@code metric} (a count). */
    public void count(String metric) {
        out.println(line(metric));
    }

    String line(String metric) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        var dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().stream().sorted().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        dimensions.forEach(line::put);
        line.put(metric, 1);
        putIfPresent(line, CorrelationIds.CORRELATION_ID);
        putIfPresent(line, CorrelationIds.LAMBDA_REQUEST_ID);
        putIfPresent(line, CorrelationIds.TRACE_ID);
        return line.toString();
    }

    private static void putIfPresent(ObjectNode line, String mdcKey) {
        String value = MDC.get(mdcKey);
        if (value != null) {
            line.put(mdcKey, value);
        }
    }
}
