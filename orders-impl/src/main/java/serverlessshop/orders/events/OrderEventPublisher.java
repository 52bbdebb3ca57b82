package serverlessshop.orders.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import serverlessshop.orders.events.model.OrderEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts the events of a batch of stream records on the bus, in the records' order, at most ten per
 * PutEvents (EventBridge's limit), and stops at the first record whose event was not taken. Lambda
 * then delivers the batch again from that record: everything before it was published, nothing
 * after it is published before it, so an order's events keep their order and none is skipped.
 */
@Lazy
@Service
public class OrderEventPublisher {

    public static final String SOURCE = "serverless-shop.orders";

    /** PutEvents takes at most this many entries. */
    static final int ENTRIES_PER_CALL = 10;

    private static final Logger log = LoggerFactory.getLogger(OrderEventPublisher.class);

    private final EventBridgeClient events;
    private final OrderEventsProperties properties;
    private final ObjectMapper json;

    OrderEventPublisher(EventBridgeClient events, OrderEventsProperties properties, ObjectMapper json) {
        this.events = events;
        this.properties = properties;
        this.json = json;
        if (properties.bus() == null || properties.bus().isBlank()) {
            throw new IllegalStateException("ORDER_EVENTS_BUS is not set: which bus do the order events go to?");
        }
    }

    /** The sequence number of the first record not published, if any. */
    public Optional<String> publish(List<Map<String, Object>> records) {
        List<Pending> pending = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Optional<OrderEvent> event;
            try {
                event = OrderChanges.eventOf(record);
            } catch (RuntimeException e) {
                // Lambda retries it, then sets it aside (the function's failure destination).
                log.error("Cannot read stream record {}", OrderChanges.sequenceNumber(record), e);
                return put(pending).or(() -> Optional.of(OrderChanges.sequenceNumber(record)));
            }
            if (event.isPresent()) {
                pending.add(new Pending(OrderChanges.sequenceNumber(record), entry(event.get())));
                if (pending.size() == ENTRIES_PER_CALL) {
                    Optional<String> failed = put(pending);
                    if (failed.isPresent()) {
                        return failed;
                    }
                    pending.clear();
                }
            }
        }
        return put(pending);
    }

    private Optional<String> put(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        PutEventsResponse response;
        try {
            response = events.putEvents(request ->
                    request.entries(pending.stream().map(Pending::entry).toList()));
        } catch (SdkException e) {
            log.warn(
                    "PutEvents failed; the batch is retried from stream record {}",
                    pending.getFirst().sequenceNumber(),
                    e);
            return Optional.of(pending.getFirst().sequenceNumber());
        }
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return Optional.empty();
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < pending.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null) {
                log.warn(
                        "EventBridge did not take the event of stream record {} ({}); the batch is retried from it",
                        pending.get(i).sequenceNumber(),
                        result == null ? "no result" : result.errorCode());
                return Optional.of(pending.get(i).sequenceNumber());
            }
        }
        return Optional.empty();
    }

    private PutEventsRequestEntry entry(OrderEvent event) {
        try {
            return PutEventsRequestEntry.builder()
                    .source(SOURCE)
                    .detailType(event.getEventType().getValue())
                    .detail(json.writeValueAsString(event))
                    .eventBusName(properties.bus())
                    .time(event.getOccurredAt().toInstant())
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(String sequenceNumber, PutEventsRequestEntry entry) {}
}
