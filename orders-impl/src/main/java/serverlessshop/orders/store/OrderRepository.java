package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_ID;
import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_INDEX;
import static serverlessshop.orders.store.OrderTableSchema.ITEMS;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_DATE;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_STATUS;
import static serverlessshop.orders.store.OrderTableSchema.PENDING_JOB;
import static serverlessshop.orders.store.OrderTableSchema.PENDING_SINCE;
import static serverlessshop.orders.store.OrderTableSchema.SAGA_STATE;
import static serverlessshop.orders.store.OrderTableSchema.SHIPPING_ADDRESS;
import static serverlessshop.orders.store.OrderTableSchema.STOCK_RELEASE_PENDING;
import static serverlessshop.orders.store.OrderTableSchema.TOTAL_AMOUNT;
import static serverlessshop.orders.store.OrderTableSchema.UPDATED_AT;
import static serverlessshop.orders.store.OrderTableSchema.VERSION;
import static serverlessshop.orders.store.OrderTableSchema.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.support.datastore.DatastoreUnavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every read and write of the orders table, and the only place that spells DynamoDB expressions.
 * Writes that depend on the item's state say so in a condition expression, so that two Lambda
 * instances can never both win: the write of a placed order (its key's claim still this attempt's,
 * {@link IdempotencyKeys}), and status changes (the current status, and the version when the client
 * sent {@code If-Match}).
 *
 * <p>Optimistic locking is explicit here rather than the enhanced client's VersionedRecordExtension:
 * a status change must be conditioned on the status it starts from anyway, and the extension's
 * read-modify-write of whole items would turn every race into a version conflict and cannot
 * increment the version in the same request ({@code SET version = version + 1}).
 *
 * <p>DynamoDB being unreachable or throttling becomes {@link DatastoreUnavailable} (503);
 * any other error is a bug and stays one (500).
 */
@Repository
public class OrderRepository {

    private static final Logger log = LoggerFactory.getLogger(OrderRepository.class);
    /** What a 503 calls the orders table: "The order store is unavailable for a moment." */
    private static final String ORDER_STORE = "order store";

    /** Tries of a transaction that keeps running into others (each waits a little longer). */
    private static final int TRANSACTION_ATTEMPTS = 5;

    private final DynamoDbTable<StoredOrder> table;
    private final DynamoDbIndex<StoredOrder> byCustomer;
    private final DynamoDbClient client;
    private final OpenUnits openUnits;
    private final IdempotencyKeys keys;

    public OrderRepository(
            DynamoDbTable<StoredOrder> table, DynamoDbClient client, OpenUnits openUnits, IdempotencyKeys keys) {
        this.table = table;
        this.byCustomer = table.index(CUSTOMER_INDEX);
        this.client = client;
        this.openUnits = openUnits;
        this.keys = keys;
    }

    /**
     * Writes the placed order, turns this attempt's claim of its key into the key's record of the
     * order, and adds its units to the customer's open units, in one transaction:
     * {@link Completion#CLAIM_LOST} when the claim is no longer this attempt's (or the order exists
     * already), {@link Completion#OVER_LIMIT} when a product would go over
     * {@code maxOpenUnitsPerProduct} (0: no limit); either way nothing was written.
     */
    public Completion complete(StoredOrder order, IdempotencyRecord claim, int maxOpenUnitsPerProduct) {
        Map<String, AttributeValue> item = new HashMap<>(OrderTableSchema.SCHEMA.itemToMap(order, true));
        if (order.isPlaced() && order.orderStatus() == OrderStatus.PENDING) {
            // PENDING from its first write: the unconfirmed-orders job's until its status moves on.
            item.putAll(PendingJob.UNCONFIRMED.marker(order.orderDate()));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table.tableName())
                        .item(item)
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", ORDER_ID))
                        .build())
                .build());
        writes.add(keys.markPlaced(claim));
        writes.addAll(openUnits.add(order, maxOpenUnitsPerProduct));
        List<Integer> failed = transact(writes);
        if (failed.isEmpty()) {
            return Completion.WRITTEN;
        }
        return failed.contains(0) || failed.contains(1) ? Completion.CLAIM_LOST : Completion.OVER_LIMIT;
    }

    /** What {@link #complete} did. */
    public enum Completion {
        WRITTEN,
        CLAIM_LOST,
        OVER_LIMIT
    }

    /**
     * Deletes a placed order that is still at this version (undoing a saga whose last step failed),
     * and takes its units off the customer's open units in the same transaction.
     */
    public boolean deletePlaced(StoredOrder order) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(table.tableName())
                        .key(key(order))
                        .conditionExpression("attribute_not_exists(#saga) AND #version = :version")
                        .expressionAttributeNames(Map.of("#saga", SAGA_STATE, "#version", VERSION))
                        .expressionAttributeValues(
                                Map.of(":version", AttributeValue.fromN(Long.toString(order.version()))))
                        .build())
                .build());
        if (isOpen(order.orderStatus())) {
            writes.addAll(openUnits.remove(order));
        }
        if (!transact(writes).isEmpty()) {
            return false;
        }
        forgetKey(order);
        return true;
    }

    /**
     * The key of an undone order places afresh: its record goes too. Not in the transaction: the record
     * may have expired and been replaced by then (that one must stay), and a record left behind is
     * harmless, as a replay that finds its order gone forgets it the same way.
     */
    private void forgetKey(StoredOrder order) {
        if (order.idempotencyKey() == null) {
            return;
        }
        try {
            keys.forget(order.customerId(), order.idempotencyKey(), order.orderId());
        } catch (RuntimeException e) {
            log.warn(
                    "Order {}: undone, but its key's record could not be deleted ({})",
                    order.orderId(),
                    e.getMessage());
        }
    }

    /** The item of this order and customer, placed or not, read consistently. */
    public Optional<StoredOrder> find(String orderId, String customerId) {
        return available(() -> Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(orderId).sortValue(customerId).build())
                .consistentRead(true)
                .build())));
    }

    /** The placed order with this id, whoever its customer: a query of its partition, read consistently. */
    public Optional<StoredOrder> findPlaced(String orderId) {
        return available(() -> table
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(key -> key.partitionValue(orderId)))
                        .consistentRead(true)
                        .build())
                .items()
                .stream()
                .filter(StoredOrder::isPlaced)
                .findFirst());
    }

    /** The placed order of this id and customer. */
    public Optional<StoredOrder> findPlaced(String orderId, String customerId) {
        return find(orderId, customerId).filter(StoredOrder::isPlaced);
    }

    /**
     * One page of a customer's orders, newest first: a Query of the customer index, never a Scan.
     * A status filter is applied by DynamoDB after reading, so pages are read until this one is full
     * or the index has no more; one order more than asked shows whether there is a next page.
     * Claims have no order date, so the index does not hold them.
     */
    public OrderListing listByCustomer(String customerId, OrderStatus status, int limit, ListPosition after) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(
                        after == null
                                ? QueryConditional.keyEqualTo(key -> key.partitionValue(customerId))
                                // Bounded at the cursor's date, the key condition itself starts the
                                // read at the cursor. With the start key alone, DynamoDB Local read
                                // the partition from its newest order down to the cursor, so a deep
                                // page cost its depth. Orders of the cursor's very millisecond are
                                // in the bound; the exclusive start key skips those listed already.
                                : QueryConditional.sortLessThanOrEqualTo(
                                        key -> key.partitionValue(customerId).sortValue(after.orderDate())))
                .scanIndexForward(false)
                // What the list answer shows, not the whole item (request hash, idempotency key,
                // reservation, version, markers): less to read, send and map for each order.
                .attributesToProject(LISTED)
                .limit(limit + 1);
        if (status != null) {
            request.filterExpression(Expression.builder()
                    .expression("#status = :status")
                    .putExpressionName("#status", ORDER_STATUS)
                    .putExpressionValue(":status", AttributeValue.fromS(status.getValue()))
                    .build());
        }
        if (after != null) {
            request.exclusiveStartKey(Map.of(
                    CUSTOMER_ID, AttributeValue.fromS(customerId),
                    ORDER_DATE, AttributeValue.fromS(after.orderDate()),
                    ORDER_ID, AttributeValue.fromS(after.orderId())));
        }
        return available(() -> {
            List<StoredOrder> found = new ArrayList<>();
            for (Page<StoredOrder> page : byCustomer.query(request.build())) {
                found.addAll(page.items());
                if (found.size() > limit) {
                    List<StoredOrder> orders = List.copyOf(found.subList(0, limit));
                    StoredOrder last = orders.getLast();
                    return new OrderListing(
                            orders,
                            new ListPosition(OrderTableSchema.UTC_MILLIS.format(last.orderDate()), last.orderId()));
                }
            }
            return new OrderListing(List.copyOf(found), null);
        });
    }

    /** The attributes of an order that a page of the customer's orders shows (OrderMapper). */
    private static final List<String> LISTED =
            List.of(ORDER_ID, CUSTOMER_ID, ORDER_DATE, ORDER_STATUS, TOTAL_AMOUNT, SHIPPING_ADDRESS, ITEMS, UPDATED_AT);

    /**
     * Moves a placed order from its current status to another, if it still has that status (and,
     * when {@code expectedVersion} is given, that version), bumping its version; a cancel marks the
     * stock release pending in the same write. The jobs' marker ({@link PendingJob}) follows in the
     * same write: a cancel marks the order for the stock release, and an order that leaves PENDING
     * is no longer the unconfirmed-orders job's. Empty when the order changed meanwhile.
     */
    public Optional<StoredOrder> changeStatus(
            StoredOrder order, OrderStatus to, Long expectedVersion, boolean markStockReleasePending, Instant now) {
        Map<String, String> names = new HashMap<>(
                Map.of("#status", ORDER_STATUS, "#updated", UPDATED_AT, "#version", VERSION, "#saga", SAGA_STATE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":to",
                AttributeValue.fromS(to.getValue()),
                ":from",
                AttributeValue.fromS(order.orderStatus().getValue()),
                ":now",
                timestamp(now),
                ":one",
                AttributeValue.fromN("1")));
        String update = "SET #status = :to, #updated = :now, #version = #version + :one";
        String condition = "#status = :from AND attribute_not_exists(#saga)";
        if (markStockReleasePending) {
            update += ", #release = :true, #job = :job, #since = :now";
            names.put("#release", STOCK_RELEASE_PENDING);
            names.put("#job", PENDING_JOB);
            names.put("#since", PENDING_SINCE);
            values.put(":true", AttributeValue.fromBool(true));
            values.put(":job", AttributeValue.fromS(PendingJob.STOCK_RELEASE.value()));
        } else if (order.orderStatus() == OrderStatus.PENDING) {
            // The condition below holds the status at PENDING, so this removes the unconfirmed marker.
            update += " REMOVE #job, #since";
            names.put("#job", PENDING_JOB);
            names.put("#since", PENDING_SINCE);
        }
        if (expectedVersion != null) {
            condition += " AND #version = :expected";
            values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        }
        if (isOpen(order.orderStatus()) && !isOpen(to)) {
            // The order stops holding its units: the counters follow in the same transaction. A
            // transaction cannot return the new item, so it is read back (consistently).
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder()
                    .update(Update.builder()
                            .tableName(table.tableName())
                            .key(key(order))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .build())
                    .build());
            writes.addAll(openUnits.remove(order));
            if (!transact(writes).isEmpty()) {
                return Optional.empty();
            }
            return find(order.orderId(), order.customerId());
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table.tableName())
                .key(key(order))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        return available(() -> {
            try {
                return Optional.of(OrderTableSchema.SCHEMA.mapToItem(
                        client.updateItem(request).attributes()));
            } catch (ConditionalCheckFailedException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Products has returned a cancelled order's stock: the marker goes, and with it the job's (a
     * cancelled order needs no other job); the version stays (nothing visible changed).
     */
    public StoredOrder clearStockReleasePending(StoredOrder order) {
        return available(() -> OrderTableSchema.SCHEMA.mapToItem(client.updateItem(UpdateItemRequest.builder()
                        .tableName(table.tableName())
                        .key(key(order))
                        .updateExpression("REMOVE #release, #job, #since")
                        .conditionExpression("attribute_exists(#id)")
                        .expressionAttributeNames(Map.of(
                                "#release",
                                STOCK_RELEASE_PENDING,
                                "#job",
                                PENDING_JOB,
                                "#since",
                                PENDING_SINCE,
                                "#id",
                                ORDER_ID))
                        .returnValues(ReturnValue.ALL_NEW)
                        .build())
                .attributes()));
    }

    /**
     * Every order whose stock release is still pending, for the retry job: a Query of the orders
     * marked for it ({@link PendingJob#STOCK_RELEASE}), each read again consistently, so the job
     * reads its work and not the table.
     */
    public List<StoredOrder> withStockReleasePending() {
        return marked(PendingJob.STOCK_RELEASE, null).stream()
                .filter(StoredOrder::isStockReleasePending)
                .toList();
    }

    /**
     * Placed orders still PENDING that were placed before {@code before}, for the job that confirms
     * those whose attempt died before confirming: a Query of the orders marked for it
     * ({@link PendingJob#UNCONFIRMED}), like {@link #withStockReleasePending}.
     */
    public List<StoredOrder> pendingPlacedBefore(Instant before) {
        return marked(PendingJob.UNCONFIRMED, before).stream()
                .filter(order -> order.isPlaced()
                        && order.orderStatus() == OrderStatus.PENDING
                        && order.orderDate() != null
                        && order.orderDate().isBefore(before))
                .toList();
    }

    /**
     * The orders the index lists for the job (marked before {@code before}, when given), each as a
     * consistent read finds it now: the index is keys only and eventually consistent, so what it
     * lists may have moved on, and only the item itself tells what the job must do (its reservation,
     * its version). An order gone since is left out.
     */
    private List<StoredOrder> marked(PendingJob job, Instant before) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":job", AttributeValue.fromS(job.value())));
        String condition = "#job = :job";
        Map<String, String> names = new HashMap<>(Map.of("#job", PENDING_JOB));
        if (before != null) {
            condition += " AND #since < :before";
            names.put("#since", PENDING_SINCE);
            values.put(":before", timestamp(before));
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(table.tableName())
                .indexName(PendingJob.INDEX)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        return available(() -> client.queryPaginator(request).items().stream()
                .map(listed ->
                        find(listed.get(ORDER_ID).s(), listed.get(CUSTOMER_ID).s()))
                .flatMap(Optional::stream)
                .toList());
    }

    private static Map<String, AttributeValue> key(StoredOrder order) {
        return Map.of(
                ORDER_ID, AttributeValue.fromS(order.orderId()), CUSTOMER_ID, AttributeValue.fromS(order.customerId()));
    }

    /** An open order holds its units: its stock is the customer's and has not left the warehouse. */
    public static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.PENDING || status == OrderStatus.CONFIRMED;
    }

    /**
     * Runs the writes in one transaction: empty when they were made, else the index of each write
     * whose condition did not hold (nothing was written). A transaction that ran into another one on
     * the same item (two orders of one customer and product at once) is tried again: the other has
     * finished by then, and the conditions are checked against what it wrote.
     */
    private List<Integer> transact(List<TransactWriteItem> writes) {
        TransactWriteItemsRequest request =
                TransactWriteItemsRequest.builder().transactItems(writes).build();
        return available(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.transactWriteItems(request);
                    return List.of();
                } catch (TransactionCanceledException e) {
                    List<CancellationReason> reasons = e.cancellationReasons();
                    List<Integer> failed = new ArrayList<>();
                    boolean conflict = false;
                    for (int i = 0; i < reasons.size(); i++) {
                        String code = reasons.get(i).code();
                        if ("ConditionalCheckFailed".equals(code)) {
                            failed.add(i);
                        } else if ("TransactionConflict".equals(code)) {
                            conflict = true;
                        }
                    }
                    if (!failed.isEmpty()) {
                        return failed;
                    }
                    if (!conflict || attempt == TRANSACTION_ATTEMPTS) {
                        throw e;
                    }
                    pause(attempt);
                }
            }
        });
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10L * attempt, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T available(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            log.warn("DynamoDB is unreachable: {}", e.getMessage());
            throw new DatastoreUnavailable(ORDER_STORE);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                log.warn("DynamoDB is unavailable ({}): {}", e.statusCode(), e.getMessage());
                throw new DatastoreUnavailable(ORDER_STORE);
            }
            throw e;
        }
    }
}
