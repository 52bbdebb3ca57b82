package serverlessshop.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Many buyers after the same few products: 32 clients, each a customer of its own, placing orders of
 * 2 of 10 hot products on the production stack (each function scaled out to several instances, so
 * that reservations really run at once in MariaDB), against one client alone on the same products;
 * the same 32 clients as one customer, to show what a customer's own counters cost under concurrency;
 * then a sell-out of 10 products with a little stock each, after which the databases are checked for
 * oversell; then the {@link FlashSale}.
 */
final class Contention {

    static final int CLIENTS = 32;
    static final String SECTION = "Contention (" + CLIENTS + " clients, 10 hot products)";
    /** At least the crowd's clients and the flash sale's buyers. */
    private static final int BUYERS = Math.max(CLIENTS, FlashSale.BUYERS);

    private final Load load;
    private final BenchOptions options;

    Contention(Load load, BenchOptions options) {
        this.load = load;
        this.options = options;
    }

    void run(Report report, LocalCloudProcess stack, int concurrency, Fixtures fixtures, BenchDatabase database)
            throws Exception {
        Buyers buyers = Buyers.signIn(stack, "bench-buyer", BUYERS);
        List<LoadPlan.Request> orders = Orders.randomPairs(fixtures.hot(), 500, null);
        // One client alone first, with a warm-up long enough (also with --quick) to make it a warm figure:
        // it warms the first instance of each function before the crowd starts the others. A crowd
        // straight after the stack's start did not settle on a busy machine (orders timing out on
        // products instances still starting, each timeout restarting an orders instance).
        LoadPlan.Outcome alone = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant("1 client", stack.baseUrl(), orders)),
                        1,
                        ALONE_WARMUP_SECONDS,
                        20,
                        options.seconds(5),
                        2_000,
                        "Idempotency-Key",
                        0,
                        buyers.perClient(1)))
                .getFirst();
        // The warm-up brings up the other instances: their cold starts are not the figure. Not scaled
        // down by --quick: on a busy machine the extra instances take that long to start.
        LoadPlan.Outcome crowd = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(CLIENTS + " clients", stack.baseUrl(), orders)),
                        CLIENTS,
                        CROWD_WARMUP_SECONDS,
                        3,
                        options.seconds(8),
                        100_000,
                        "Idempotency-Key",
                        0,
                        buyers.perClient(CLIENTS)))
                .getFirst();
        // The same clients as one customer: every order updates that customer's counters.
        LoadPlan.Outcome oneCustomer = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(CLIENTS + " clients, 1 customer", stack.baseUrl(), orders)),
                        CLIENTS,
                        0,
                        1,
                        options.seconds(8),
                        100_000,
                        "Idempotency-Key",
                        0,
                        buyers.perClient(1)))
                .getFirst();
        WarmLatency.failures(report, "contention", alone);
        WarmLatency.failures(report, "contention", crowd);
        WarmLatency.failures(report, "contention", oneCustomer);
        double crowdRate = crowd.successes() / crowd.seconds();
        double aloneRate = alone.successes() / alone.seconds();
        double oneCustomerRate = oneCustomer.successes() / oneCustomer.seconds();
        report.add(new Row(
                SECTION,
                "orders/s, " + CLIENTS + " customers",
                String.format(Locale.ROOT, "%.1f", crowdRate),
                String.format(Locale.ROOT, "%.1f (1 client)", aloneRate),
                Row.ratio(crowdRate, aloneRate),
                "≥ 1.5",
                aloneRate > 0 && crowdRate >= 1.5 * aloneRate));
        report.add(new Row(
                SECTION,
                "POST /orders p50 / p99",
                percentiles(crowd),
                percentiles(alone) + " (1 client)",
                crowd.latenciesMicros().isEmpty() || alone.latenciesMicros().isEmpty()
                        ? "n/a"
                        : Row.ratio(
                                crowd.latencies().percentile(99),
                                alone.latencies().percentile(99)),
                "",
                null));
        report.add(new Row(
                SECTION,
                "orders/s, the " + CLIENTS + " clients as 1 customer",
                String.format(Locale.ROOT, "%.1f", oneCustomerRate),
                String.format(Locale.ROOT, "%.1f (" + CLIENTS + " customers)", crowdRate),
                Row.ratio(oneCustomerRate, crowdRate),
                "",
                null));

        OversellCheck check = sellOut(report, stack, fixtures, buyers, database);
        report.add(new Row(
                SECTION,
                "oversell after a sell-out (" + check.ordered() + " of " + check.initial() + " units sold)",
                check.oversold() + " units oversold, " + check.unbalanced() + " products unbalanced",
                "0",
                "",
                "0 oversell",
                check.passed()));
        report.method(
                "Contention",
                CLIENTS + " clients in one LoadGenerator process, closed loop, each signed in as a customer of"
                        + " its own, each order 2 different products of 10 hot ones (1 unit each, a fresh"
                        + " Idempotency-Key each), on the production stack with up to " + concurrency
                        + " instances per function (Lambda would run one per concurrent request; this machine has "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores); " + (int) CROWD_WARMUP_SECONDS + " s of warm-up (the extra instances' cold"
                        + " starts) then " + options.seconds(8)
                        + " s recorded; orders/s counts 201s. Baseline: one client alone (one customer) on the"
                        + " same products, before the crowd (" + (int) ALONE_WARMUP_SECONDS + " s of warm-up, "
                        + options.seconds(5) + " s recorded). Then the same " + CLIENTS
                        + " clients all signed in as one customer for "
                        + options.seconds(8) + " s: each order adds to that customer's counters (orders started"
                        + " in the rate window, open units of each product), so the concurrent orders update the"
                        + " same DynamoDB items; the harness raises the rate limit and turns the open-units limit"
                        + " off, so the counters are updated but refuse nothing. Oversell: 10 more products with "
                        + Fixtures.SELL_OUT_STOCK + " units each, bought by " + CLIENTS + " clients for "
                        + options.seconds(6) + " s (until sold out); then, per product, units in"
                        + " placed orders (DynamoDB scan) beyond the starting stock must be 0, and stock left + units held by"
                        + " RESERVED/CONFIRMED reservations (MariaDB) must equal the starting stock. Every"
                        + " process of the saga shares this machine's cores, so the crowd's orders/s cannot pass"
                        + " the one client's by more than the cores the one client leaves idle, and other work on"
                        + " the machine moves the ratio: read it with the load average.");

        new FlashSale(load, options).run(report, stack, buyers, database);
    }

    private static final double CROWD_WARMUP_SECONDS = 15;
    private static final double ALONE_WARMUP_SECONDS = 5;

    static String percentiles(LoadPlan.Outcome outcome) {
        if (outcome.latenciesMicros().isEmpty()) {
            return "n/a";
        }
        return Row.duration(outcome.latencies().median()) + " / "
                + Row.duration(outcome.latencies().percentile(99));
    }

    private OversellCheck sellOut(
            Report report, LocalCloudProcess stack, Fixtures fixtures, Buyers buyers, BenchDatabase database)
            throws Exception {
        LoadPlan.Outcome rush = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(
                                "sell-out", stack.baseUrl(), Orders.randomPairs(fixtures.sellOut(), 500, null))),
                        CLIENTS,
                        0,
                        0,
                        options.seconds(6),
                        100_000,
                        "Idempotency-Key",
                        0,
                        buyers.perClient(CLIENTS)))
                .getFirst();
        int unexpected = rush.latenciesMicros().size() - rush.successes() - rush.count(409);
        if (unexpected > 0) {
            report.note("sell-out: " + unexpected + " requests answered neither 201 nor 409 (statuses "
                    + rush.statuses() + ")");
        }
        return oversell(stack, database, fixtures.sellOut());
    }

    /**
     * Per product, units in placed orders (DynamoDB) against the starting stock, and stock left plus
     * units held by live reservations (MariaDB) against it too.
     */
    static OversellCheck oversell(LocalCloudProcess stack, BenchDatabase database, List<BenchDatabase.Product> products)
            throws Exception {
        List<String> ids = products.stream().map(BenchDatabase.Product::id).toList();
        BenchDatabase.StockState state = database.stockOf(ids);
        Map<String, Integer> held = new HashMap<>(state.reserved());
        state.confirmed().forEach((id, units) -> held.merge(id, units, Integer::sum));
        Map<String, Integer> ordered = new OrdersTable(stack.dynamoDbEndpoint(), "orders").unitsOrdered();
        Map<String, Integer> initial =
                products.stream().collect(Collectors.toMap(BenchDatabase.Product::id, BenchDatabase.Product::stock));
        return OversellCheck.of(initial, state.stock(), held, ordered);
    }
}
