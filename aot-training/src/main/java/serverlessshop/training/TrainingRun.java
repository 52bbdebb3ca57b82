package serverlessshop.training;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.support.lambda.InvocationContext;

/**
 * The workload of a JDK AOT cache training run ({@code java -XX:AOTCacheOutput=...}): the function's
 * own handler class, started as Lambda starts it, fed payload-2.0 events as API Gateway sends them,
 * so that the classes of the cold start and of the first requests go into the cache. A request that
 * fails still trains its code path; the run only says what each event answered.
 */
public final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestStreamHandler handler;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    public TrainingRun(RequestStreamHandler handler) {
        this.handler = handler;
    }

    /** A request as the shop's clients send one: JSON accepted, and sent when there is a body (null: none). */
    public static HttpApiEvent.Builder request(String routeKey, String path, String jsonBody) {
        HttpApiEvent.Builder event = HttpApiEvent.request(routeKey)
                .path(path)
                .header("accept", "application/json")
                .header("user-agent", "aot-training");
        return jsonBody == null
                ? event
                : event.header("content-type", "application/json").body(jsonBody);
    }

    /** Hands the event to the handler; returns the response (statusCode, headers, body), or null on an error. */
    public JsonNode invoke(HttpApiEvent.Builder event) {
        return invoke(event, InvocationContext.of("training"));
    }

    /** {@link #invoke} as a direct invocation by {@code caller} (Lambda Invoke with a client context). */
    public JsonNode invokeDirectly(HttpApiEvent.Builder event, String caller) {
        return invoke(event, InvocationContext.direct("training", caller));
    }

    private JsonNode invoke(HttpApiEvent.Builder event, InvocationContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.build().bytes()), out, context);
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
            return response == null
                    ? JSON.missingNode()
                    : JSON.readTree(response.path("body").asText("{}"));
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
