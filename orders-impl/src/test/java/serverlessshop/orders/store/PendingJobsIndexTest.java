package serverlessshop.orders.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsProxy;
import serverlessshop.orders.testing.ProductsProxy.Fault;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The jobs' Query of the marked orders finds exactly what their Scans of the whole table found,
 * with the filters they had: for orders in every state written by the service itself, and for
 * orders written before the marker existed once the backfill has marked them.
 */
@WholeOrdersService
class PendingJobsIndexTest {

    /** The unconfirmed-orders job's filter, as its Scan had it (order_date < :before). */
    private static final String UNCONFIRMED_FILTER =
            "#status = :pending AND #date < :before AND attribute_not_exists(#saga)";
    /** The pending-releases job's filter, as its Scan had it. */
    private static final String RELEASE_FILTER = "attribute_exists(#release)";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderRepository orders;

    @Autowired
    DynamoDbTable<StoredOrder> table;

    @Autowired
    DynamoDbClient client;

    OrdersApi api;
    String customer;
    UUID lamp;
    /** Later than every order here: every PENDING order is one the job would settle. */
    final Instant before = Instant.now().plus(Duration.ofDays(1));

    @BeforeEach
    void aCustomer() {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 50);
    }

    @AfterEach
    void healProducts() {
        ProductsProxy.reset();
    }

    @Test
    void theServiceMarksExactlyTheOrdersTheOldScansFound() throws Exception {
        String pending = place();
        String confirmed = place();
        move(confirmed, "CONFIRMED");
        String shipped = place();
        move(shipped, "CONFIRMED");
        move(shipped, "SHIPPED");
        String delivered = place();
        move(delivered, "CONFIRMED");
        move(delivered, "SHIPPED");
        move(delivered, "DELIVERED");
        String cancelled = place();
        move(cancelled, "CANCELLED");
        String cancelledThenReleased = place();
        String cancelledWhileDown = place();
        String confirmedThenCancelledWhileDown = place();
        move(confirmedThenCancelledWhileDown, "CONFIRMED");
        ProductsProxy.fail(ProductsProxy.confirm(), Fault.UNAVAILABLE);
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                .andExpect(status().isServiceUnavailable()); // written, then undone: deleted
        ProductsProxy.reset();
        ProductsProxy.failAll(Fault.UNAVAILABLE);
        for (String order : List.of(cancelledThenReleased, cancelledWhileDown, confirmedThenCancelledWhileDown)) {
            move(order, "CANCELLED");
        }
        ProductsProxy.reset();
        api.read(cancelledThenReleased, OrdersApi.customer(customer)).andExpect(status().isOk()); // released

        Predicate<String> mine = key -> key.endsWith("|" + customer);
        assertThat(oldScan(RELEASE_FILTER).filter(mine))
                .containsExactlyInAnyOrder(key(cancelledWhileDown), key(confirmedThenCancelledWhileDown));
        assertThat(oldScan(UNCONFIRMED_FILTER).filter(mine)).containsExactlyInAnyOrder(key(pending));
        assertJobsFindWhatTheOldScansFound(mine);
        assertThat(index(PendingJob.STOCK_RELEASE).filter(mine)).hasSize(2);
        assertThat(index(PendingJob.UNCONFIRMED).filter(mine)).hasSize(1);
    }

    @Test
    void theBackfillMarksOrdersWrittenBeforeTheMarkerAndResumesWhereItStopped() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        // Written as the service wrote them before the marker: no pending_job, no pending_since.
        StoredOrder pending = TestOrders.seed(table, customer, OrderStatus.PENDING, longAgo);
        StoredOrder waitingForRelease = TestOrders.placed(customer, OrderStatus.CANCELLED, longAgo).toBuilder()
                .stockReleasePending(true)
                .build();
        table.putItem(waitingForRelease);
        TestOrders.seed(table, customer, OrderStatus.CANCELLED, longAgo);
        table.putItem(TestOrders.placed(customer, OrderStatus.PENDING, longAgo).toBuilder()
                .orderDate(null)
                .sagaState(StoredOrder.PLACING) // a claim in the order's item, from before keys had records
                .build());
        for (int i = 0; i < 25; i++) {
            TestOrders.seed(table, customer, i % 2 == 0 ? OrderStatus.CONFIRMED : OrderStatus.DELIVERED, longAgo);
        }
        Predicate<String> mine = key -> key.endsWith("|" + customer);
        assertThat(oldScan(RELEASE_FILTER).filter(mine)).containsExactly(key(waitingForRelease.orderId()));
        assertThat(oldScan(UNCONFIRMED_FILTER).filter(mine)).containsExactly(key(pending.orderId()));
        assertThat(index(PendingJob.STOCK_RELEASE).filter(mine)).isEmpty();
        assertThat(index(PendingJob.UNCONFIRMED).filter(mine)).isEmpty();

        // Pages of 10, one page a run: a run cut short by its time leaves its place for the next one.
        PendingJobsBackfill backfill = new PendingJobsBackfill(table.tableName(), client, Clock.systemUTC(), 10);
        backfill.restart();
        int runs = 0;
        int marked = 0;
        PendingJobsBackfill.Run run;
        do {
            run = backfill.run(Duration.ZERO);
            marked += run.marked();
            runs++;
        } while (!run.complete() && runs < 10_000);

        assertThat(run.complete()).isTrue();
        assertThat(runs)
                .as("runs, each one page of 10 of a table of more than 30 items")
                .isGreaterThan(3);
        assertThat(marked).isGreaterThanOrEqualTo(2);
        assertThat(index(PendingJob.STOCK_RELEASE).filter(mine)).containsExactly(key(waitingForRelease.orderId()));
        assertThat(index(PendingJob.UNCONFIRMED).filter(mine)).containsExactly(key(pending.orderId()));
        // Every order of the table now: the service's own writes and what the backfill marked.
        assertJobsFindWhatTheOldScansFound(key -> true);
        assertThat(backfill.run(Duration.ZERO)).isEqualTo(new PendingJobsBackfill.Run(true, 0));

        backfill.restart();
        assertThat(backfill.run(Duration.ofMinutes(1)))
                .as("again from the start: everything is marked already")
                .isEqualTo(new PendingJobsBackfill.Run(true, 0));
    }

    /** The index's keys and the jobs' own reads (each order read again) are the old Scans' orders. */
    private void assertJobsFindWhatTheOldScansFound(Predicate<String> which) {
        Set<String> releases = oldScan(RELEASE_FILTER).filter(which).collect(Collectors.toSet());
        Set<String> unconfirmed = oldScan(UNCONFIRMED_FILTER).filter(which).collect(Collectors.toSet());
        assertThat(index(PendingJob.STOCK_RELEASE).filter(which)).containsExactlyInAnyOrderElementsOf(releases);
        assertThat(orders.withStockReleasePending().stream()
                        .map(PendingJobsIndexTest::keyOf)
                        .filter(which))
                .containsExactlyInAnyOrderElementsOf(releases);
        assertThat(orders.pendingPlacedBefore(before).stream()
                        .map(PendingJobsIndexTest::keyOf)
                        .filter(which))
                .containsExactlyInAnyOrderElementsOf(unconfirmed);
        assertThat(indexBefore(PendingJob.UNCONFIRMED, before).filter(which))
                .containsExactlyInAnyOrderElementsOf(unconfirmed);
    }

    /** What the job's Scan returned, with its filter: the whole table, read consistently. */
    private Stream<String> oldScan(String filter) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (filter.equals(RELEASE_FILTER)) {
            names.put("#release", OrderTableSchema.STOCK_RELEASE_PENDING);
        } else {
            names.putAll(Map.of(
                    "#status",
                    OrderTableSchema.ORDER_STATUS,
                    "#date",
                    OrderTableSchema.ORDER_DATE,
                    "#saga",
                    OrderTableSchema.SAGA_STATE));
            values.put(":pending", AttributeValue.fromS(OrderStatus.PENDING.getValue()));
            values.put(":before", OrderTableSchema.timestamp(before));
        }
        return client
                .scanPaginator(request -> request.tableName(table.tableName())
                        .consistentRead(true)
                        .filterExpression(filter)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values.isEmpty() ? null : values))
                .items()
                .stream()
                .map(PendingJobsIndexTest::keyOf)
                .toList()
                .stream();
    }

    /** The keys the sparse index holds for the job. */
    private Stream<String> index(PendingJob job) {
        return indexBefore(job, null);
    }

    private Stream<String> indexBefore(PendingJob job, Instant until) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":job", AttributeValue.fromS(job.value())));
        Map<String, String> names = new HashMap<>(Map.of("#job", OrderTableSchema.PENDING_JOB));
        String condition = "#job = :job";
        if (until != null) {
            condition += " AND #since < :until";
            names.put("#since", OrderTableSchema.PENDING_SINCE);
            values.put(":until", OrderTableSchema.timestamp(until));
        }
        String keyCondition = condition;
        return client
                .queryPaginator(request -> request.tableName(table.tableName())
                        .indexName(PendingJob.INDEX)
                        .keyConditionExpression(keyCondition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values))
                .items()
                .stream()
                .map(PendingJobsIndexTest::keyOf)
                .toList()
                .stream();
    }

    private String place() throws Exception {
        return OrdersApi.body(api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                        .andExpect(status().isCreated()))
                .path("order_id")
                .asText();
    }

    private void move(String orderId, String to) throws Exception {
        api.move(orderId, to, OrdersApi.admin()).andExpect(status().isOk());
    }

    private String key(String orderId) {
        return orderId + "|" + customer;
    }

    private static String keyOf(Map<String, AttributeValue> item) {
        return item.get(OrderTableSchema.ORDER_ID).s() + "|"
                + item.get(OrderTableSchema.CUSTOMER_ID).s();
    }

    private static String keyOf(StoredOrder order) {
        return order.orderId() + "|" + order.customerId();
    }
}
