package serverlessshop.support.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workload of a JDK AOT cache training run ({@code java -XX:AOTCacheOutput=...}): the function's
 * own handler class, started as Lambda starts it, fed real payload-2.0 events, so that the classes
 * of the cold start and of the first requests go into the cache. The image build runs it (its
 * Dockerfile's RUN), and the local stack runs the same command with the local JVM. A request that
 * fails still trains its code path; the run only says what each event answered.
 */
public final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestStreamHandler handler;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    public TrainingRun(RequestStreamHandler handler) {
        this.handler = handler;
    }

    /** Hands the event to the handler; returns the response (statusCode, headers, body), or null on an error. */
    public JsonNode invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, InvocationContext.of("training"));
            JsonNode response = JSON.readTree(out.toByteArray());
            statuses.merge(response.path("statusCode").asInt(), 1, Integer::sum);
            return response;
        } catch (Exception e) {
            statuses.merge(0, 1, Integer::sum);
            System.out.println("AOT training: an event failed: " + e);
            return null;
        }
    }

    /** The body of a response as JSON (empty when there is none). */
    public static JsonNode body(JsonNode response) {
        try {
            return response == null ? JSON.missingNode() : JSON.readTree(response.path("body").asText("{}"));
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    /** Ends the run: the JVM must exit normally for the AOT cache to be written. */
    public void finish(String function) {
        System.out.println("AOT training of " + function + ": responses by status " + statuses);
        System.exit(0);
    }
}
