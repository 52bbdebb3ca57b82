package serverlessshop.orders.events;

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
 * leftover claim that became an order) or had another status. Everything else the table holds
 * (idempotency keys' records, counters, mail claims) and every other change (a marker set, a
 * release confirmed, an item removed) is not.
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
        if (!"INSERT".equals(eventName) && !"MODIFY".equals(eventName)) {
            return Optional.empty();
        }
        Map<String, Object> change = map(record.get("dynamodb"));
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
