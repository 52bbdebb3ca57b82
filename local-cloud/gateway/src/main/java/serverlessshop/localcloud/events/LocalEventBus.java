package serverlessshop.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.aws.AwsJsonApi;
import serverlessshop.orders.events.contract.OrderEventContract;
import software.amazon.event.ruler.Machine;

/**
 * One EventBridge bus: {@code PutEvents} as EventBridge answers it (up to 10 entries, each accepted
 * with an id or refused with an error code), every accepted event appended to the archive, and
 * the rules matched by EventBridge's own matcher (Event Ruler). A matching rule's target, a
 * function, is invoked asynchronously, as EventBridge invokes Lambda: a failed invocation is retried
 * after each of the retry delays, then the event goes to the target's dead-letter file. Unlike
 * EventBridge, the bus holds each entry's detail to the events contract and refuses one that breaks
 * it, so that a function that writes a wrong event fails here rather than in a consumer.
 */
public final class LocalEventBus implements AutoCloseable {

    /** Lambda's retries of an asynchronous invocation: two, with a growing delay. */
    public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ENTRIES = 10;
    private static final String ACCOUNT = "000000000000";

    /** A rule's target: invokes the function with the event; throws when the invocation failed. */
    @FunctionalInterface
    public interface Target {
        void invoke(byte[] event) throws Exception;
    }

    private final String name;
    private final String region;
    private final OrderEventContract contract;
    private final Path archive;
    private final Path deadLetters;
    private final List<Duration> retryDelays;
    private final Machine rules = new Machine();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService deliveries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("event-bus").factory());

    /**
     * @param archive     where every accepted event is appended (a JSON line each)
     * @param deadLetters the folder of the targets' dead-letter files ({@code <target>.jsonl})
     */
    public LocalEventBus(
            String name,
            String region,
            OrderEventContract contract,
            Path archive,
            Path deadLetters,
            List<Duration> retryDelays) {
        this.name = name;
        this.region = region;
        this.contract = contract;
        this.archive = archive;
        this.deadLetters = deadLetters;
        this.retryDelays = List.copyOf(retryDelays);
    }

    /** A rule: events matching the pattern (EventBridge's JSON) go to the target, named after its function. */
    public void addRule(String function, String pattern, Target target) throws IOException {
        rules.addRule(function, pattern);
        targets.put(function, target);
    }

    public String name() {
        return name;
    }

    /** {@code AWSEvents.PutEvents} for the local AWS JSON API. */
    public AwsJsonApi.Operation putEventsOperation() {
        return new AwsJsonApi.Operation("events", (request, caller) -> putEvents(request));
    }

    JsonNode putEvents(JsonNode request) throws AwsJsonApi.AwsError {
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new AwsJsonApi.AwsError(
                    400,
                    "ValidationException",
                    "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must"
                            + " have length less than or equal to 10 and greater than or equal to 1");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            String refusal = refusal(entry, result);
            if (refusal != null) {
                failed++;
                continue;
            }
            ObjectNode event = event(entry);
            try {
                JsonLines.append(archive, event);
            } catch (IOException e) {
                failed++;
                result.put("ErrorCode", "InternalException").put("ErrorMessage", "The archive: " + e.getMessage());
                continue;
            }
            result.put("EventId", event.path("id").asText());
            Console.line(
                    "events",
                    event.path("detail-type").asText() + " "
                            + event.path("detail").path("order_id").asText() + " accepted on " + name);
            route(event);
        }
        answer.put("FailedEntryCount", failed);
        answer.set("Entries", results);
        return answer;
    }

    /** Null when the entry is accepted; else its error, written into the result as EventBridge does. */
    private String refusal(JsonNode entry, ObjectNode result) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (entry.path(field).asText("").isBlank()) {
                return refuse(
                        result,
                        "InvalidArgument",
                        "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.");
            }
        }
        String bus = entry.path("EventBusName").asText("default");
        if (!bus.equals(name) && !bus.endsWith(":event-bus/" + name)) {
            return refuse(result, "NotAuthorizedForDestination", "Event bus " + bus + " does not exist.");
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(entry.path("Detail").asText());
        } catch (IOException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return refuse(result, "MalformedDetail", "Detail is malformed.");
        }
        List<String> violations = contract.violations(detail);
        if (!violations.isEmpty()) {
            String message = "Detail is not an OrderEvent of " + OrderEventContract.RESOURCE + ": "
                    + String.join("; ", violations);
            Console.line("events", "REFUSED " + entry.path("DetailType").asText() + ": " + message);
            return refuse(result, "InvalidArgument", message);
        }
        return null;
    }

    private static String refuse(ObjectNode result, String code, String message) {
        result.put("ErrorCode", code).put("ErrorMessage", message);
        return code;
    }

    /** The event as EventBridge delivers it to targets. */
    private ObjectNode event(JsonNode entry) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", entry.path("DetailType").asText());
        event.put("source", entry.path("Source").asText());
        event.put("account", ACCOUNT);
        event.put(
                "time", time(entry.path("Time")).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        try {
            event.set("detail", JSON.readTree(entry.path("Detail").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("checked before", e);
        }
        return event;
    }

    /** The entry's time (epoch seconds, as the SDK's JSON 1.1 writes it), or now. */
    private static Instant time(JsonNode time) {
        if (time.isNumber()) {
            BigDecimal seconds = time.decimalValue();
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.now();
    }

    private void route(ObjectNode event) {
        List<String> matched;
        try {
            matched = rules.rulesForJSONEvent(event.toString());
        } catch (Exception e) {
            Console.line("events", "could not match the rules: " + e.getMessage());
            return;
        }
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        for (String function : matched) {
            deliveries.execute(() -> deliver(function, event, bytes, 0));
        }
    }

    private void deliver(String function, ObjectNode event, byte[] bytes, int attempt) {
        String what =
                event.path("detail-type").asText() + " " + event.path("id").asText() + " -> " + function;
        try {
            targets.get(function).invoke(bytes);
            Console.line("events", what + (attempt == 0 ? "" : " (retry " + attempt + ")"));
        } catch (Exception e) {
            if (attempt < retryDelays.size()) {
                Duration delay = retryDelays.get(attempt);
                Console.line(
                        "events", what + " failed (" + e.getMessage() + "); retrying in " + delay.toMillis() + " ms");
                deliveries.schedule(
                        () -> deliver(function, event, bytes, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            Path file = deadLetters.resolve(function + ".jsonl");
            try {
                JsonLines.append(file, event);
                Console.line(
                        "events",
                        what + " failed (" + e.getMessage() + ") after " + retryDelays.size() + " retries: in " + file);
            } catch (IOException written) {
                Console.line("events", what + " failed and could not be written to " + file + ": " + written);
            }
        }
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}
