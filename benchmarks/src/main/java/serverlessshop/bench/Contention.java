package serverlessshop.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Many buyers after the same few products: 32 clients placing orders of 2 of 10 hot products on the
 * production stack (each function scaled out to several instances, so that reservations really run
 * at once in MariaDB), against one client alone on the same products; then a sell-out of 10 products
 * with a little stock each, after which the databases are checked for oversell.
 */
final class Contention {

    static final int CLIENTS = 32;

    private final Load load;
    private final BenchOptions options;

    Contention(Load load, BenchOptions options) {
        this.load = load;
        this.options = options;
    }

    void run(
            Report report,
            LocalCloudProcess stack,
            int concurrency,
            Fixtures fixtures,
            String buyerToken,
            BenchDatabase database)
            throws Exception {
        List<LoadPlan.Request> orders = Orders.randomPairs(fixtures.hot(), 500, buyerToken);
        LoadPlan.Outcome alone = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant("1 client", stack.baseUrl(), orders)),
                        1,
                        options.seconds(2),
                        10,
                        options.seconds(5),
                        2_000,
                        "Idempotency-Key"))
                .getFirst();
        // The warm-up brings up the other instances: their cold starts are not the figure.
        LoadPlan.Outcome crowd = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(CLIENTS + " clients", stack.baseUrl(), orders)),
                        CLIENTS,
                        options.seconds(8),
                        3,
                        options.seconds(8),
                        100_000,
                        "Idempotency-Key"))
                .getFirst();
        WarmLatency.failures(report, "contention", alone);
        WarmLatency.failures(report, "contention", crowd);
        double crowdRate = crowd.successes() / crowd.seconds();
        double aloneRate = alone.successes() / alone.seconds();
        report.add(new Row(
                "Contention (" + CLIENTS + " clients, 10 hot products)",
                "orders/s",
                String.format("%.1f", crowdRate),
                String.format("%.1f (1 client)", aloneRate),
                Row.ratio(crowdRate, aloneRate),
                "",
                null));
        report.add(new Row(
                "Contention (" + CLIENTS + " clients, 10 hot products)",
                "POST /orders p50 / p99",
                Row.duration(crowd.latencies().median()) + " / "
                        + Row.duration(crowd.latencies().percentile(99)),
                Row.duration(alone.latencies().median()) + " / "
                        + Row.duration(alone.latencies().percentile(99)) + " (1 client)",
                Row.ratio(crowd.latencies().percentile(99), alone.latencies().percentile(99)),
                "",
                null));

        OversellCheck check = sellOut(report, stack, fixtures, buyerToken, database);
        report.add(new Row(
                "Contention (" + CLIENTS + " clients, 10 hot products)",
                "oversell after a sell-out (" + check.ordered() + " of " + check.initial() + " units sold)",
                check.oversold() + " units oversold, " + check.unbalanced() + " products unbalanced",
                "0",
                "",
                "0 oversell",
                check.passed()));
        report.method(
                "Contention",
                CLIENTS + " clients in one LoadGenerator process, closed loop, each order 2"
                        + " different products of 10 hot ones (1 unit each, a fresh Idempotency-Key each), on the production"
                        + " stack with up to " + concurrency + " instances per function (Lambda would run one per"
                        + " concurrent request; this machine has "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores); " + options.seconds(8) + " s of warm-up (the extra instances' cold starts) then "
                        + options.seconds(8)
                        + " s recorded; orders/s counts 201s. Baseline: one client alone on the same"
                        + " products. Oversell: 10 more products with " + Fixtures.SELL_OUT_STOCK
                        + " units each, bought by "
                        + CLIENTS + " clients for " + options.seconds(6)
                        + " s (until sold out); then, per product, units in"
                        + " placed orders (DynamoDB scan) beyond the starting stock must be 0, and stock left + units held by"
                        + " RESERVED/CONFIRMED reservations (MariaDB) must equal the starting stock.");
    }

    private OversellCheck sellOut(
            Report report, LocalCloudProcess stack, Fixtures fixtures, String buyerToken, BenchDatabase database)
            throws Exception {
        LoadPlan.Outcome rush = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(
                                "sell-out", stack.baseUrl(), Orders.randomPairs(fixtures.sellOut(), 500, buyerToken))),
                        CLIENTS,
                        0,
                        0,
                        options.seconds(6),
                        100_000,
                        "Idempotency-Key"))
                .getFirst();
        int unexpected = rush.latenciesMicros().size() - rush.successes() - rush.count(409);
        if (unexpected > 0) {
            report.note("sell-out: " + unexpected + " requests answered neither 201 nor 409 (statuses "
                    + rush.statuses() + ")");
        }
        List<String> ids =
                fixtures.sellOut().stream().map(BenchDatabase.Product::id).toList();
        BenchDatabase.StockState state = database.stockOf(ids);
        Map<String, Integer> held = new HashMap<>(state.reserved());
        state.confirmed().forEach((id, units) -> held.merge(id, units, Integer::sum));
        Map<String, Integer> ordered = new OrdersTable(stack.dynamoDbEndpoint(), "orders").unitsOrdered();
        Map<String, Integer> initial = fixtures.sellOut().stream()
                .collect(Collectors.toMap(BenchDatabase.Product::id, BenchDatabase.Product::stock));
        return OversellCheck.of(initial, state.stock(), held, ordered);
    }
}
