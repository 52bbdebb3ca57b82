package serverlessshop.orders.store;

import static serverlessshop.orders.store.OrderTableSchema.PENDING_JOB;
import static serverlessshop.orders.store.OrderTableSchema.PENDING_SINCE;
import static serverlessshop.orders.store.OrderTableSchema.timestamp;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The work a scheduled job finds on an order, marked on the order itself so that the job reads its
 * work and not the table: {@code pending_job} (the job) and {@code pending_since}, the keys of the
 * sparse index {@link #INDEX}. Only orders that need a job carry the two attributes, so the index
 * holds only them. The marker is written in the same write that makes the order need the job and
 * removed in the same write that ends the need ({@link OrderRepository}); {@link PendingJobsBackfill}
 * marks the orders written before the marker existed.
 *
 * <p>An order needs at most one job at a time (a PENDING order has no stock release pending, and a
 * cancelled one is not PENDING), so one attribute names it. All orders of one job share one index
 * partition: not sharded, as the index takes a write for each order placed and each cancel, far
 * below what one partition takes (1,000 writes a second), and the job reads the partition in one
 * paginated Query, where shards would need one Query each.
 */
public enum PendingJob {

    /**
     * A cancelled order whose stock products has not yet confirmed returning: exactly the orders with
     * {@code stock_release_pending}. Since: the cancel.
     */
    STOCK_RELEASE("stock_release"),

    /**
     * A placed order still PENDING (no {@code saga_state}), whose attempt may have died before confirming
     * its reservation. Since: its {@code order_date}, so that the job's key condition
     * {@code pending_since < :before} is the old filter's {@code order_date < :before}.
     */
    UNCONFIRMED("unconfirmed");

    /** Keys only: the job reads each order it finds consistently before acting on it. */
    public static final String INDEX = "pending_job-pending_since-index";

    private final String value;

    PendingJob(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The marker's two attributes, to add to an item or to SET. */
    Map<String, AttributeValue> marker(Instant since) {
        return Map.of(PENDING_JOB, AttributeValue.fromS(value), PENDING_SINCE, timestamp(since));
    }
}
