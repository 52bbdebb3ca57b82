package serverlessshop.orders.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import serverlessshop.orders.events.model.OrderEvent;
import serverlessshop.orders.events.model.OrderEventLine;
import serverlessshop.orders.events.model.OrderEventType;
import serverlessshop.orders.events.model.OrderStatus;
import serverlessshop.orders.store.OrderMapper;
import serverlessshop.orders.store.OrderTableSchema;
import serverlessshop.orders.store.StoredOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which changes of the orders table are order events: a placed order (it has a status and no saga
 * state) whose status is new, because it was not a placed order before (written by the saga, or a
 * leftover claim that became an order) or had another status; and a placed order deleted before it
 * was cancelled (an undone placement: a cancellation to whoever heard of it). Everything else the
 * table holds (idempotency keys' records, counters, mail claims) and every other change (a marker
 * set, a release confirmed) is not.
 */
public final class OrderChanges {

    private OrderChanges() {}

    /**
     * The event of one DynamoDB Streams record as Lambda delivers it, if it is one.
     *
     * @throws IllegalArgumentException when the record is not a stream record of the orders table
     */
    public static Optional<OrderEvent> eventOf(Map<String, Object> record) {
        String eventName = String.valueOf(record.get("eventName"));
        Map<String, Object> change = map(record.get("dynamodb"));
        if ("REMOVE".equals(eventName)) {
            return undone(change);
        }
        if (!"INSERT".equals(eventName) && !"MODIFY".equals(eventName)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> newImage = image(change.get("NewImage"));
        if (newImage == null) {
            throw new IllegalArgumentException("no NewImage: the stream must carry new and old images");
        }
        if (!isPlacedOrder(newImage)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> oldImage = image(change.get("OldImage"));
        String status = newImage.get(OrderTableSchema.ORDER_STATUS).s();
        String previous = oldImage != null && isPlacedOrder(oldImage)
                ? oldImage.get(OrderTableSchema.ORDER_STATUS).s()
                : null;
        if (status.equals(previous)) {
            return Optional.empty();
        }
        return Optional.of(event(OrderTableSchema.SCHEMA.mapToItem(newImage), previous));
    }

    /**
     * A placed order deleted: its placement was undone (its stock reservation closed before it was
     * confirmed, UnconfirmedOrders), after its customer may have been told it was placed. To everyone
     * who heard of it, it is cancelled: the event of that, one version after the last one.
     */
    private static Optional<OrderEvent> undone(Map<String, Object> change) {
        Map<String, AttributeValue> oldImage = image(change.get("OldImage"));
        if (oldImage == null || !isPlacedOrder(oldImage)) {
            return Optional.empty();
        }
        String previous = oldImage.get(OrderTableSchema.ORDER_STATUS).s();
        if (OrderStatus.CANCELLED.getValue().equals(previous)) {
            return Optional.empty();
        }
        StoredOrder order = OrderTableSchema.SCHEMA.mapToItem(oldImage);
        Instant removedAt = change.get("ApproximateCreationDateTime") instanceof Number seconds
                ? Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000))
                : order.updatedAt();
        StoredOrder cancelled = order.toBuilder()
                .orderStatus(serverlessshop.orders.api.model.OrderStatus.CANCELLED)
                .version(order.version() + 1)
                .updatedAt(removedAt)
                .build();
        return Optional.of(event(cancelled, previous));
    }

    /** The stream record's position, which Lambda's batch item failures name. */
    public static String sequenceNumber(Map<String, Object> record) {
        return String.valueOf(map(record.get("dynamodb")).get("SequenceNumber"));
    }

    private static boolean isPlacedOrder(Map<String, AttributeValue> item) {
        AttributeValue status = item.get(OrderTableSchema.ORDER_STATUS);
        return status != null && status.s() != null && !item.containsKey(OrderTableSchema.SAGA_STATE);
    }

    private static OrderEvent event(StoredOrder order, String previous) {
        OrderStatus status = OrderStatus.fromValue(order.orderStatus().getValue());
        OrderEvent event = new OrderEvent();
        event.setEventId(OrderEventIds.of(order.orderId(), status.getValue()));
        event.setEventType(type(status));
        event.setOccurredAt(order.updatedAt().atOffset(ZoneOffset.UTC));
        event.setSequence(order.version());
        event.setOrderId(UUID.fromString(order.orderId()));
        event.setCustomerId(order.customerId());
        event.setOrderStatus(status);
        event.setPreviousStatus(previous == null ? null : OrderStatus.fromValue(previous));
        event.setOrderDate(order.orderDate().atOffset(ZoneOffset.UTC));
        event.setTotalAmount(OrderMapper.money(order.totalAmount()));
        event.setItems(order.items().stream()
                .map(stored -> {
                    OrderEventLine line = new OrderEventLine();
                    line.setProductId(UUID.fromString(stored.productId()));
                    line.setProductName(stored.productName());
                    line.setQuantity(stored.quantity());
                    line.setPricePerUnit(OrderMapper.money(stored.pricePerUnit()));
                    return line;
                })
                .toList());
        return event;
    }

    private static OrderEventType type(OrderStatus status) {
        return switch (status) {
            case PENDING -> OrderEventType.ORDER_PLACED;
            case CONFIRMED -> OrderEventType.ORDER_CONFIRMED;
            case SHIPPED -> OrderEventType.ORDER_SHIPPED;
            case DELIVERED -> OrderEventType.ORDER_DELIVERED;
            case CANCELLED -> OrderEventType.ORDER_CANCELLED;
        };
    }

    private static Map<String, AttributeValue> image(Object json) {
        return json == null ? null : DynamoDbJson.item(map(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a DynamoDB Streams record");
        }
        return (Map<String, Object>) map;
    }
}
