package serverlessshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.FunctionWiring;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * The scheduled jobs at two sizes of the orders table: the pending-releases function (pending stock
 * releases of cancelled orders, then PENDING orders whose attempt may have died), run through its
 * real handler in a Lambda instance of its own, against a table of 10,000 orders and one of 100,000,
 * with the same handful of orders waiting in each. A job whose cost follows its work, not the table,
 * takes as long at both sizes.
 */
final class JobsRun {

    static final int SMALL = 10_000;
    static final int LARGE = 100_000;
    private static final int RELEASES = 3;
    private static final int UNCONFIRMED = 2;
    private static final String CUSTOMER = "bench-jobs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchOptions options;

    JobsRun(BenchOptions options) {
        this.options = options;
    }

    private record Table(int orders, OrdersTable table, List<ObjectNode> waiting, LambdaFunction job) {}

    void run(Report report, Layout layout, BenchDatabase database, Fixtures fixtures, LocalCloudProcess stack)
            throws Exception {
        BenchDatabase.Product product = fixtures.warm().getFirst();
        FunctionImage image = FunctionImage.read("orders", layout.dockerfile("orders"))
                .withHandler(
                        "orders-pending-releases",
                        "serverlessshop.orders.lambda.PendingReleasesHandler::handleRequest");
        List<Table> tables = new ArrayList<>();
        try {
            for (int orders : List.of(SMALL, LARGE)) {
                String name = "orders_jobs_" + orders;
                OrdersTable table = new OrdersTable(stack.dynamoDbEndpoint(), name);
                table.create(FunctionWiring.tables(options.repo()).get("orders"));
                table.seed("bench-jobs-history", orders - RELEASES - UNCONFIRMED, product);
                List<ObjectNode> waiting = OrdersTable.waiting(CUSTOMER, RELEASES, UNCONFIRMED, product);
                table.put(waiting);
                // Every order here is written as the service writes them now, marker included: the
                // one-off marking of older orders has nothing to do (its cost is one Scan, once).
                table.jobsBackfillDone();
                Map<String, String> configuration =
                        new LinkedHashMap<>(Bench.coldConfiguration("orders", image, database, stack));
                configuration.put("ORDERS_TABLE", name);
                tables.add(new Table(
                        orders,
                        table,
                        waiting,
                        new LambdaFunction(
                                image,
                                LambdaEnvironment.of(image, configuration, layout.runtimeLib()),
                                layout.runtimeLib())));
            }
            // The first run of each starts its instance (and products' for the first calls): not timed.
            for (Table table : tables) {
                invoke(table);
            }
            int runs = options.quick() ? 15 : 31;
            Map<Integer, List<Long>> times = new LinkedHashMap<>();
            List<String> work = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                // Side by side, run by run, each size first in turn.
                for (Table table : run % 2 == 0 ? tables : tables.reversed()) {
                    table.table().put(table.waiting()); // the same work each run: the job moved them on
                    long began = System.nanoTime();
                    JsonNode answer = invoke(table);
                    times.computeIfAbsent(table.orders(), orders -> new ArrayList<>())
                            .add((System.nanoTime() - began) / 1_000);
                    if (run == 0) {
                        work.add(String.format("%,d", table.orders()) + ": " + answer);
                    }
                }
            }
            Samples small = Samples.of(times.get(SMALL));
            Samples large = Samples.of(times.get(LARGE));
            String what = "pending-releases function, " + RELEASES + " pending releases and " + UNCONFIRMED
                    + " PENDING orders waiting: " + String.format("%,d", LARGE) + " orders vs "
                    + String.format("%,d", SMALL);
            report.add(new Row(
                    "Scheduled jobs (warm run, p50 / p99 of " + runs + ")",
                    what,
                    Row.duration(large.median()) + " / " + Row.duration(large.percentile(99)),
                    Row.duration(small.median()) + " / " + Row.duration(small.percentile(99)),
                    Row.ratio(large.median(), small.median()),
                    "p50 ratio ≤ 1.2",
                    large.median() <= small.median() * 1.2));
            report.method(
                    "Scheduled jobs",
                    "two orders tables in the production stack's DynamoDB Local, created from orders-table.json"
                            + " and seeded with BatchWriteItem: " + String.format("%,d", SMALL) + " and "
                            + String.format("%,d", LARGE) + " orders, of which the same " + RELEASES
                            + " cancelled orders with their stock release pending and " + UNCONFIRMED
                            + " PENDING orders placed 10 minutes before, as the service writes them (with the"
                            + " jobs' marker). One pending-releases function per table (the orders image,"
                            + " its handler PendingReleasesHandler, as its schedule invokes it) releases"
                            + " their stock through the products function of the stack and asks it to confirm"
                            + " the PENDING ones' reservations (which products does not know here: they stay"
                            + " PENDING, a call each); the waiting orders are written again before each run, so every run does"
                            + " the same work. The one-off marking of older orders is recorded as done (nothing"
                            + " to mark). After a first run each (the instance's start), the two functions are"
                            + " invoked in turn, " + runs + " times each, each first in turn; the ratio is of the"
                            + " medians. What each did in its first timed run: "
                            + String.join("; ", work) + ".");
        } finally {
            for (Table table : tables) {
                table.job().close();
            }
        }
    }

    private static JsonNode invoke(Table table) throws Exception {
        byte[] answer = table.job()
                .invoke("{}".getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(120));
        return JSON.readTree(new String(answer, StandardCharsets.UTF_8));
    }
}
