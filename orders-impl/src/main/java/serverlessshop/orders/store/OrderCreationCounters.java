package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_ID;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Repository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * How many orders each customer has started creating in a time window: one counter item per
 * customer and window, in the orders table, so that every Lambda instance counts against the same
 * number (an instance's memory would let N instances allow N times the limit).
 *
 * <p>The item type: {@code order_id} = {@code order-rate#<customer id>#<window start, epoch
 * seconds>}, {@code customer_id} = the customer, {@code order_creations} (number) and
 * {@code expires_at} (epoch seconds, the table's TTL attribute, so DynamoDB deletes old windows).
 * It has no {@code order_date}, so the customer index never holds it, and its key is no UUID, so no
 * order lookup can reach it; a scan of the whole table sees it and must skip items without
 * {@code items} or {@code order_status} (as the benchmarks' scan does).
 *
 * <p>One conditional {@code UpdateItem} both checks and counts ({@code ADD} creates the item), so
 * two instances cannot both take the last place in a window.
 */
@Repository
public class OrderCreationCounters {

    public static final String KEY_PREFIX = "order-rate#";
    public static final String COUNT = "order_creations";
    /** The orders table's time-to-live attribute (Terraform's {@code ttl} block names it). */
    public static final String EXPIRES_AT = OrdersTableDefinition.TTL_ATTRIBUTE;

    private final DynamoDbClient client;
    private final String tableName;

    public OrderCreationCounters(DynamoDbTable<StoredOrder> table, DynamoDbClient client) {
        this.client = client;
        this.tableName = table.tableName();
    }

    /**
     * Counts one more order creation for the customer in the window that starts at
     * {@code windowStart}, unless {@code limit} creations are counted already: then false, and
     * nothing changes.
     */
    public boolean countUnlessAt(String customerId, Instant windowStart, int limit, Instant expiresAt) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(
                        ORDER_ID,
                        AttributeValue.fromS(KEY_PREFIX + customerId + "#" + windowStart.getEpochSecond()),
                        CUSTOMER_ID,
                        AttributeValue.fromS(customerId)))
                .updateExpression("ADD #count :one SET #expires = :expires")
                .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                .expressionAttributeNames(Map.of("#count", COUNT, "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":one",
                        AttributeValue.fromN("1"),
                        ":limit",
                        AttributeValue.fromN(Integer.toString(limit)),
                        ":expires",
                        AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                .build();
        return OrderRepository.available(() -> {
            try {
                client.updateItem(request);
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }
}
