package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_ID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How many units of each product a customer holds in open orders ({@code PENDING} or
 * {@code CONFIRMED}: the stock is theirs and has not left the warehouse): one counter item per
 * customer and product, in the orders table, so that every Lambda instance counts against the same
 * number.
 *
 * <p>The counters change only in the same transaction as the order that makes them change (placed,
 * shipped, cancelled, or deleted by an undone saga), so they cannot drift from the orders: there is
 * no step between the two writes for a crash to fall into. The increment is conditioned on the
 * limit, so two instances cannot both take the last units.
 *
 * <p>The item type: {@code order_id} = {@code open-units#<customer id>#<product id>},
 * {@code customer_id} = the customer, {@code open_units} (number). Like the rate counters it has
 * no {@code order_date} (the customer index never holds it) and no UUID key (no order lookup
 * reaches it); a scan of the whole table must skip it.
 */
@Repository
public class OpenUnits {

    public static final String KEY_PREFIX = "open-units#";
    public static final String UNITS = "open_units";

    private final DynamoDbClient client;
    private final String tableName;

    public OpenUnits(DynamoDbTable<StoredOrder> table, DynamoDbClient client) {
        this.client = client;
        this.tableName = table.tableName();
    }

    /** The units of each product the customer holds in open orders now, read consistently (0 when none). */
    public Map<String, Integer> held(String customerId, List<String> productIds) {
        Map<String, Integer> held = new HashMap<>();
        for (String productId : productIds) {
            // One consistent GetItem per product: an order has at most 50 lines and a BatchGetItem would
            // need its unprocessed keys retried; this is the simpler of two ways to the same numbers.
            Map<String, AttributeValue> item = OrderRepository.available(() -> client.getItem(GetItemRequest.builder()
                            .tableName(tableName)
                            .key(key(customerId, productId))
                            .consistentRead(true)
                            .build())
                    .item());
            AttributeValue units = item == null ? null : item.get(UNITS);
            held.put(productId, units == null ? 0 : Integer.parseInt(units.n()));
        }
        return held;
    }

    /**
     * The writes that add this order's units to its customer's counters, each conditioned on the
     * counter staying at or under {@code limit} (0: no condition), in the order of the order's lines.
     */
    List<TransactWriteItem> add(StoredOrder order, int limit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (StoredLine line : order.items()) {
            Update.Builder update = Update.builder()
                    .tableName(tableName)
                    .key(key(order.customerId(), line.productId()))
                    .updateExpression("ADD #units :quantity")
                    .expressionAttributeNames(Map.of("#units", UNITS));
            if (limit > 0) {
                update.conditionExpression("attribute_not_exists(#units) OR #units <= :room")
                        .expressionAttributeValues(
                                Map.of(":quantity", number(line.quantity()), ":room", number(limit - line.quantity())));
            } else {
                update.expressionAttributeValues(Map.of(":quantity", number(line.quantity())));
            }
            writes.add(TransactWriteItem.builder().update(update.build()).build());
        }
        return writes;
    }

    /** The writes that take this order's units off its customer's counters (the order is no longer open). */
    List<TransactWriteItem> remove(StoredOrder order) {
        return order.items().stream()
                .map(line -> TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(tableName)
                                .key(key(order.customerId(), line.productId()))
                                .updateExpression("ADD #units :quantity")
                                .expressionAttributeNames(Map.of("#units", UNITS))
                                .expressionAttributeValues(Map.of(":quantity", number(-line.quantity())))
                                .build())
                        .build())
                .toList();
    }

    private static Map<String, AttributeValue> key(String customerId, String productId) {
        return Map.of(
                ORDER_ID,
                AttributeValue.fromS(KEY_PREFIX + customerId + "#" + productId),
                CUSTOMER_ID,
                AttributeValue.fromS(customerId));
    }

    private static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
