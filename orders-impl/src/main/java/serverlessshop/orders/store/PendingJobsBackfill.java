package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderRepository.available;
import static serverlessshop.orders.store.OrderTableSchema.CUSTOMER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_DATE;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_ID;
import static serverlessshop.orders.store.OrderTableSchema.ORDER_STATUS;
import static serverlessshop.orders.store.OrderTableSchema.PENDING_JOB;
import static serverlessshop.orders.store.OrderTableSchema.PENDING_SINCE;
import static serverlessshop.orders.store.OrderTableSchema.SAGA_STATE;
import static serverlessshop.orders.store.OrderTableSchema.STOCK_RELEASE_PENDING;
import static serverlessshop.orders.store.OrderTableSchema.UPDATED_AT;
import static serverlessshop.orders.store.OrderTableSchema.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;
import serverlessshop.orders.api.model.OrderStatus;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Marks the orders written before the jobs' marker ({@link PendingJob}) existed, so that a table
 * that already holds orders loses no pending stock release and no unconfirmed order when the jobs
 * stop scanning it: one Scan of the whole table, once, with the filters the jobs' own Scans had,
 * marking each order it returns. After each page it records where it is, in an item of its own, so
 * a run cut short (the job's timeout, a failure) resumes there. The jobs run it before their
 * Queries until it is complete; after that it costs them one read of that item.
 *
 * <p>A mark is conditional on the order still needing the job and having no marker: an order that
 * moved on meanwhile was marked or unmarked by the write that moved it. Marking twice is harmless,
 * so a page read again after a cut is only read again.
 *
 * <p>The progress item: {@code order_id} = {@code backfill#pending_job}, {@code customer_id} =
 * {@code progress}, {@code scan_position} (the Scan's last evaluated key, while it runs),
 * {@code marked}, {@code completed_at}. No {@code order_status}, {@code order_date} or
 * {@code saga_state}: no listing, job or scan of orders counts it.
 */
@Repository
public class PendingJobsBackfill {

    private static final Logger log = LoggerFactory.getLogger(PendingJobsBackfill.class);

    static final Map<String, AttributeValue> PROGRESS_KEY = Map.of(
            ORDER_ID, AttributeValue.fromS("backfill#" + PENDING_JOB), CUSTOMER_ID, AttributeValue.fromS("progress"));
    private static final String SCAN_POSITION = "scan_position";
    private static final String MARKED = "marked";
    private static final String COMPLETED_AT = "completed_at";
    /** Items read a page: a page is about 0.7 MB of orders, under DynamoDB's 1 MB a call. */
    static final int PAGE = 1_000;

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private final int page;

    @Autowired
    public PendingJobsBackfill(DynamoDbTable<StoredOrder> table, DynamoDbClient client, Clock clock) {
        this(table.tableName(), client, clock, PAGE);
    }

    PendingJobsBackfill(String tableName, DynamoDbClient client, Clock clock, int page) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
        this.page = page;
    }

    /** What a run did: whether the backfill is complete now, and the orders it marked in this run. */
    public record Run(boolean complete, int marked) {}

    /**
     * Goes on from where the last run stopped, page by page, until the table is done or
     * {@code budget} is spent (at least one page): a complete backfill only reads its progress.
     */
    public Run run(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Map<String, AttributeValue> progress = available(() -> client.getItem(request ->
                        request.tableName(tableName).key(PROGRESS_KEY).consistentRead(true))
                .item());
        if (progress.containsKey(COMPLETED_AT)) {
            return new Run(true, 0);
        }
        Map<String, AttributeValue> position = progress.containsKey(SCAN_POSITION)
                ? progress.get(SCAN_POSITION).m()
                : null;
        long markedBefore = progress.containsKey(MARKED)
                ? Long.parseLong(progress.get(MARKED).n())
                : 0;
        int marked = 0;
        do {
            ScanRequest request = scan(position);
            ScanResponse found = available(() -> client.scan(request));
            for (Map<String, AttributeValue> item : found.items()) {
                if (mark(item)) {
                    marked++;
                }
            }
            position = found.hasLastEvaluatedKey() && !found.lastEvaluatedKey().isEmpty()
                    ? found.lastEvaluatedKey()
                    : null;
            save(position, markedBefore + marked);
        } while (position != null && clock.instant().isBefore(deadline));
        if (position == null) {
            log.info("Pending jobs' backfill complete: {} orders marked", markedBefore + marked);
        }
        return new Run(position == null, marked);
    }

    /** Forgets the progress: the next run scans the table from its start again (marks are idempotent). */
    public void restart() {
        available(
                () -> client.deleteItem(request -> request.tableName(tableName).key(PROGRESS_KEY)));
    }

    /** The jobs' old filters, either of them, on orders without a marker. */
    private ScanRequest scan(Map<String, AttributeValue> position) {
        return ScanRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .limit(page)
                .exclusiveStartKey(position)
                .filterExpression("attribute_not_exists(#job) AND (attribute_exists(#release)"
                        + " OR (#status = :pending AND attribute_not_exists(#saga)))")
                .expressionAttributeNames(Map.of(
                        "#job",
                        PENDING_JOB,
                        "#release",
                        STOCK_RELEASE_PENDING,
                        "#status",
                        ORDER_STATUS,
                        "#saga",
                        SAGA_STATE))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(OrderStatus.PENDING.getValue())))
                .build();
    }

    /**
     * Marks the order for its job, if it still needs it and has no marker yet. A cancelled order
     * waiting for its release is the release job's since its last update; a PENDING one the
     * unconfirmed-orders job's since its order date (one without an order date was never in that
     * job's filter).
     */
    private boolean mark(Map<String, AttributeValue> item) {
        Map<String, String> names = new HashMap<>(Map.of("#job", PENDING_JOB, "#since", PENDING_SINCE));
        Map<String, AttributeValue> values = new HashMap<>();
        PendingJob job;
        String condition;
        if (item.containsKey(STOCK_RELEASE_PENDING)) {
            job = PendingJob.STOCK_RELEASE;
            condition = "attribute_exists(#release)";
            names.put("#release", STOCK_RELEASE_PENDING);
            values.put(":since", item.getOrDefault(UPDATED_AT, timestamp(clock.instant())));
        } else if (item.containsKey(ORDER_DATE)) {
            job = PendingJob.UNCONFIRMED;
            condition = "#status = :pending AND attribute_not_exists(#saga) AND attribute_not_exists(#release)"
                    + " AND #date = :since";
            names.putAll(Map.of(
                    "#status",
                    ORDER_STATUS,
                    "#saga",
                    SAGA_STATE,
                    "#release",
                    STOCK_RELEASE_PENDING,
                    "#date",
                    ORDER_DATE));
            values.put(":pending", AttributeValue.fromS(OrderStatus.PENDING.getValue()));
            values.put(":since", item.get(ORDER_DATE));
        } else {
            return false;
        }
        values.put(":job", AttributeValue.fromS(job.value()));
        try {
            available(() -> client.updateItem(request -> request.tableName(tableName)
                    .key(Map.of(ORDER_ID, item.get(ORDER_ID), CUSTOMER_ID, item.get(CUSTOMER_ID)))
                    .updateExpression("SET #job = :job, #since = :since")
                    .conditionExpression(condition + " AND attribute_not_exists(#job)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // moved on since the Scan read it: that write set the marker right
        }
    }

    private void save(Map<String, AttributeValue> position, long marked) {
        Map<String, AttributeValue> item = new HashMap<>(PROGRESS_KEY);
        item.put(MARKED, AttributeValue.fromN(Long.toString(marked)));
        item.put(UPDATED_AT, timestamp(clock.instant()));
        if (position == null) {
            item.put(COMPLETED_AT, timestamp(clock.instant()));
        } else {
            item.put(SCAN_POSITION, AttributeValue.fromM(position));
        }
        available(() -> client.putItem(request -> request.tableName(tableName).item(item)));
    }
}
