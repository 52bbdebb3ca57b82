package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderTableSchema.CLAIMED_AT;
import static serverlessshop.orders.store.OrderTableSchema.CLAIM_TOKEN;
import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_ID;
import static serverlessshop.orders.store.OrderTableSchema.REQUEST_HASH;
import static serverlessshop.orders.store.OrderTableSchema.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The {@link IdempotencyRecord}s, one item per customer and key in the orders table, kept for
 * {@link #KEPT} (the contract's 24 hours) by the table's time-to-live attribute. DynamoDB deletes
 * expired items lazily (within days) and DynamoDB Local never does, so a record past its expiry is
 * treated here as absent: a read does not return it, and a new claim may overwrite it (on condition
 * it is still expired, so two requests cannot both take over one key).
 *
 * <p>The item type: {@code order_id} = {@code idempotency#<key>}, {@code customer_id} = the customer,
 * {@code key_order_id} (the order), {@code request_hash}, {@code key_state} ({@code PLACING} or
 * {@code PLACED}), {@code claim_token} and {@code claimed_at} while {@code PLACING}, {@code expires_at}
 * (epoch seconds). Like the counters it has no {@code order_date} (the customer index never holds
 * it), no UUID key (no order lookup reaches it) and neither {@code order_status} nor {@code items}: a
 * scan of the whole table must skip it.
 */
@Repository
public class IdempotencyKeys {

    /** How long a key is remembered: what orders.yaml promises for {@code Idempotency-Key}. */
    public static final Duration KEPT = Duration.ofHours(24);

    public static final String KEY_PREFIX = "idempotency#";
    public static final String KEY_ORDER_ID = "key_order_id";
    public static final String KEY_STATE = "key_state";
    /** The orders table's time-to-live attribute, as for the rate counters. */
    public static final String EXPIRES_AT = OrderCreationCounters.EXPIRES_AT;

    private static final AttributeValue PLACING = AttributeValue.fromS("PLACING");
    private static final AttributeValue PLACED = AttributeValue.fromS("PLACED");

    private final DynamoDbClient client;
    private final String tableName;

    public IdempotencyKeys(DynamoDbTable<StoredOrder> table, DynamoDbClient client) {
        this.client = client;
        this.tableName = table.tableName();
    }

    /** When a key first used at {@code now} is forgotten (whole seconds, as the time-to-live attribute keeps it). */
    public static Instant expiryOf(Instant now) {
        return Instant.ofEpochSecond(now.plus(KEPT).getEpochSecond());
    }

    /**
     * Writes a new claim of its key unless the key has a record that has not expired at {@code now};
     * false when it has one.
     */
    public boolean claim(IdempotencyRecord claim, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(claim.customerId(), claim.idempotencyKey()));
        item.put(KEY_ORDER_ID, AttributeValue.fromS(claim.orderId()));
        item.put(REQUEST_HASH, AttributeValue.fromS(claim.requestHash()));
        item.put(KEY_STATE, PLACING);
        item.put(CLAIM_TOKEN, AttributeValue.fromS(claim.claimToken()));
        item.put(CLAIMED_AT, timestamp(claim.claimedAt()));
        item.put(EXPIRES_AT, epochSeconds(claim.expiresAt()));
        return conditionally(() -> client.putItem(PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#id) OR #expires <= :now")
                .expressionAttributeNames(Map.of("#id", ORDER_ID, "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
                .build()));
    }

    /** The key's record, read consistently; empty when there is none or it has expired at {@code now}. */
    public Optional<IdempotencyRecord> find(String customerId, String idempotencyKey, Instant now) {
        Map<String, AttributeValue> item = OrderRepository.available(() -> client.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(key(customerId, idempotencyKey))
                        .consistentRead(true)
                        .build())
                .item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record(customerId, idempotencyKey, item)).filter(found -> !found.isExpired(now));
    }

    /** Gives a stale claim to a new attempt, unless another one took it first (false). */
    public boolean takeOver(IdempotencyRecord claim, String newToken, Instant now) {
        return conditionally(() -> client.updateItem(UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(claim.customerId(), claim.idempotencyKey()))
                .updateExpression("SET #token = :new, #claimed = :now")
                .conditionExpression("#state = :placing AND #token = :seen")
                .expressionAttributeNames(Map.of("#token", CLAIM_TOKEN, "#claimed", CLAIMED_AT, "#state", KEY_STATE))
                .expressionAttributeValues(Map.of(
                        ":new", AttributeValue.fromS(newToken),
                        ":now", timestamp(now),
                        ":placing", PLACING,
                        ":seen", AttributeValue.fromS(claim.claimToken())))
                .build()));
    }

    /** Deletes this attempt's claim, so that the key can be used again at once; false when another attempt holds it. */
    public boolean release(IdempotencyRecord claim) {
        return conditionally(() -> client.deleteItem(DeleteItemRequest.builder()
                .tableName(tableName)
                .key(key(claim.customerId(), claim.idempotencyKey()))
                .conditionExpression("#state = :placing AND #token = :token")
                .expressionAttributeNames(Map.of("#state", KEY_STATE, "#token", CLAIM_TOKEN))
                .expressionAttributeValues(
                        Map.of(":placing", PLACING, ":token", AttributeValue.fromS(claim.claimToken())))
                .build()));
    }

    /**
     * Deletes the key's record if it still stands for this order, which was undone (its reservation
     * closed before it was confirmed): the key places an order afresh. A record that has since been
     * replaced (the key expired and was used again) stays.
     */
    public boolean forget(String customerId, String idempotencyKey, String orderId) {
        return conditionally(() -> client.deleteItem(DeleteItemRequest.builder()
                .tableName(tableName)
                .key(key(customerId, idempotencyKey))
                .conditionExpression("#order = :order")
                .expressionAttributeNames(Map.of("#order", KEY_ORDER_ID))
                .expressionAttributeValues(Map.of(":order", AttributeValue.fromS(orderId)))
                .build()));
    }

    /** The write, in the placed order's transaction, that turns this attempt's claim into the record of the order. */
    TransactWriteItem markPlaced(IdempotencyRecord claim) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(tableName)
                        .key(key(claim.customerId(), claim.idempotencyKey()))
                        .updateExpression("SET #state = :placed REMOVE #token, #claimed")
                        .conditionExpression("#state = :placing AND #token = :token")
                        .expressionAttributeNames(
                                Map.of("#state", KEY_STATE, "#token", CLAIM_TOKEN, "#claimed", CLAIMED_AT))
                        .expressionAttributeValues(Map.of(
                                ":placed", PLACED,
                                ":placing", PLACING,
                                ":token", AttributeValue.fromS(claim.claimToken())))
                        .build())
                .build();
    }

    private static IdempotencyRecord record(
            String customerId, String idempotencyKey, Map<String, AttributeValue> item) {
        AttributeValue token = item.get(CLAIM_TOKEN);
        AttributeValue claimedAt = item.get(CLAIMED_AT);
        return new IdempotencyRecord(
                customerId,
                idempotencyKey,
                item.get(KEY_ORDER_ID).s(),
                item.get(REQUEST_HASH).s(),
                PLACED.equals(item.get(KEY_STATE)),
                token == null ? null : token.s(),
                claimedAt == null ? null : Instant.parse(claimedAt.s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    private static Map<String, AttributeValue> key(String customerId, String idempotencyKey) {
        return Map.of(
                ORDER_ID,
                AttributeValue.fromS(KEY_PREFIX + idempotencyKey),
                CUSTOMER_ID,
                AttributeValue.fromS(customerId));
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static boolean conditionally(Runnable write) {
        return OrderRepository.available(() -> {
            try {
                write.run();
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }
}
