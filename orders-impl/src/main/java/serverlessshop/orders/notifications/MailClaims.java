package serverlessshop.orders.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import serverlessshop.orders.store.OrderTableSchema;
import serverlessshop.orders.store.OrdersTableDefinition;
import serverlessshop.orders.store.StoredOrder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One mail per event however often the event is delivered: before sending, the event is claimed
 * with an item of its own in the orders table ({@code order_id} = {@code mail#<event id>}), put on
 * condition that it is not there yet. The item has no status, so it is neither an order nor an
 * order event, and it expires after a week, long after EventBridge's last retry.
 */
@Lazy
@Component
class MailClaims {

    static final String PREFIX = "mail#";

    private static final Duration KEPT = Duration.ofDays(7);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    MailClaims(DynamoDbClient dynamoDb, DynamoDbTable<StoredOrder> orders, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = orders.tableName();
        this.clock = clock;
    }

    /** False when the event was claimed before: its mail is sent (or being sent). */
    boolean claim(String eventId, String customerId) {
        try {
            dynamoDb.putItem(request -> request.tableName(table)
                    .item(Map.of(
                            OrderTableSchema.ORDER_ID, AttributeValue.fromS(PREFIX + eventId),
                            OrderTableSchema.CUSTOMER_ID, AttributeValue.fromS(customerId),
                            OrdersTableDefinition.TTL_ATTRIBUTE,
                                    AttributeValue.fromN(Long.toString(
                                            clock.instant().plus(KEPT).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(order_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives the claim up after a failed send, so that the event's retry sends the mail. */
    void release(String eventId, String customerId) {
        dynamoDb.deleteItem(request -> request.tableName(table)
                .key(Map.of(
                        OrderTableSchema.ORDER_ID, AttributeValue.fromS(PREFIX + eventId),
                        OrderTableSchema.CUSTOMER_ID, AttributeValue.fromS(customerId))));
    }
}
