package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import serverlessshop.support.testing.http.StandInServer;

/**
 * EventBridge's PutEvents API (JSON 1.1) for the order-events function's tests: it records each
 * call's entries and takes them all, unless told to refuse one entry of the next call.
 */
public final class EventBusStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<List<JsonNode>> calls = new CopyOnWriteArrayList<>();
    private final StandInServer server;
    private volatile int refuseEntry = -1;
    private volatile boolean errors;

    public EventBusStandIn() {
        server = StandInServer.start(this::answer);
    }

    public String url() {
        return server.url();
    }

    /** The entries of every PutEvents call so far, call by call. */
    public List<List<JsonNode>> calls() {
        return List.copyOf(calls);
    }

    public List<JsonNode> entries() {
        return calls.stream().flatMap(List::stream).toList();
    }

    /** Forgets the calls, and answers again if it was answering errors. */
    public void clear() {
        calls.clear();
        errors = false;
    }

    /** From now on every call is answered 500, as when EventBridge has an outage. */
    public void answerErrors() {
        errors = true;
    }

    /** The next call's entry at this index (from 0) fails with an error code; the others are taken. */
    public void refuseInNextCall(int index) {
        refuseEntry = index;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"AWSEvents.PutEvents".equals(target)) {
            StandInServer.reply(
                    exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"UnknownOperationException\"}");
            return;
        }
        if (errors) {
            StandInServer.reply(exchange, 500, "application/x-amz-json-1.1", "{\"__type\":\"InternalException\"}");
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        List<JsonNode> entries = new ArrayList<>();
        request.path("Entries").forEach(entries::add);
        calls.add(entries);
        int refused = refuseEntry;
        refuseEntry = -1;
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        for (int i = 0; i < entries.size(); i++) {
            if (i == refused) {
                results.addObject().put("ErrorCode", "InternalFailure").put("ErrorMessage", "try again");
            } else {
                results.addObject().put("EventId", UUID.randomUUID().toString());
            }
        }
        response.put("FailedEntryCount", refused >= 0 && refused < entries.size() ? 1 : 0);
        StandInServer.reply(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsString(response));
    }

    @Override
    public void close() {
        server.close();
    }
}
