package serverlessshop.bench;

import java.util.List;
import java.util.Locale;

/**
 * A flash sale: one product with 1,000 units and 64 buyers at once, each a customer of their own,
 * each buying one unit per order until they hear it is sold out (409), on a stack already warm from
 * the contention run. Measured: the time from the first order to the last buyer's sold-out answer,
 * orders placed per second against one buyer alone (on a product of its own, so the sale's stock
 * stays whole), POST /orders latency, and, from the databases, that nothing was oversold.
 */
final class FlashSale {

    static final String SECTION = "Flash sale (1 product, 1,000 units, 64 buyers)";
    static final int UNITS = 1_000;
    static final int BUYERS = 64;
    /** However slow the machine, the sale ends here (about 10 orders/s sells 1,000 units in 100 s). */
    private static final double LIMIT_SECONDS = 240;

    private final Load load;
    private final BenchOptions options;

    FlashSale(Load load, BenchOptions options) {
        this.load = load;
        this.options = options;
    }

    void run(Report report, LocalCloudProcess stack, Buyers buyers, BenchDatabase database) throws Exception {
        BenchDatabase.Product sale =
                database.insertProducts("Bench flash-sale product", 1, UNITS).getFirst();
        BenchDatabase.Product aside = database.insertProducts(
                        "Bench flash-sale baseline product", 1, Fixtures.HOT_STOCK)
                .getFirst();
        LoadPlan.Outcome alone = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(
                                "1 buyer", stack.baseUrl(), List.of(Orders.post(Orders.body(aside, 1), null)))),
                        1,
                        options.seconds(2),
                        5,
                        options.seconds(5),
                        2_000,
                        "Idempotency-Key",
                        0,
                        buyers.perClient(1)))
                .getFirst();
        LoadPlan.Outcome rush = load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(
                                BUYERS + " buyers", stack.baseUrl(), List.of(Orders.post(Orders.body(sale, 1), null)))),
                        BUYERS,
                        0,
                        0,
                        LIMIT_SECONDS,
                        100_000,
                        "Idempotency-Key",
                        409,
                        buyers.perClient(BUYERS)))
                .getFirst();
        WarmLatency.failures(report, "flash sale", alone);
        int unexpected = rush.latenciesMicros().size() - rush.successes() - rush.count(409);
        if (unexpected > 0) {
            report.note("flash sale: " + unexpected + " requests answered neither 201 nor 409 (statuses "
                    + rush.statuses() + ")");
        }
        double rate = rush.successes() / rush.seconds();
        double aloneRate = alone.successes() / alone.seconds();
        report.add(new Row(
                SECTION,
                "time to sell out",
                String.format(Locale.ROOT, "%.1f s", rush.seconds()),
                aloneRate > 0 ? String.format(Locale.ROOT, "%.0f s (at 1 buyer's rate)", UNITS / aloneRate) : "n/a",
                Row.ratio(rush.seconds(), aloneRate > 0 ? UNITS / aloneRate : 0),
                "",
                null));
        report.add(new Row(
                SECTION,
                "orders/s",
                String.format(Locale.ROOT, "%.1f", rate),
                String.format(Locale.ROOT, "%.1f (1 buyer)", aloneRate),
                Row.ratio(rate, aloneRate),
                "",
                null));
        report.add(new Row(
                SECTION,
                "POST /orders p50 / p99",
                Contention.percentiles(rush),
                Contention.percentiles(alone) + " (1 buyer)",
                rush.latenciesMicros().isEmpty() || alone.latenciesMicros().isEmpty()
                        ? "n/a"
                        : Row.ratio(
                                rush.latencies().percentile(99),
                                alone.latencies().percentile(99)),
                "",
                null));
        OversellCheck check = Contention.oversell(stack, database, List.of(sale));
        report.add(new Row(
                SECTION,
                "units sold (in placed orders)",
                String.format(Locale.ROOT, "%,d of %,d", check.ordered(), check.initial()),
                "",
                "",
                String.format(Locale.ROOT, "%,d", UNITS),
                check.ordered() == UNITS));
        report.add(new Row(
                SECTION,
                "oversold",
                check.oversold() + " units oversold, " + check.unbalanced() + " products unbalanced",
                "0",
                "",
                "0 oversell",
                check.passed()));
        report.method(
                SECTION,
                BUYERS + " clients in one LoadGenerator process, closed loop, each signed in as a customer of"
                        + " its own, each order 1 unit of one product seeded with " + UNITS
                        + " units (a fresh Idempotency-Key each); a client stops at its first 409 (sold out),"
                        + " at the latest after " + (int) LIMIT_SECONDS + " s. Time to sell out: from the"
                        + " first order to the last buyer's 409; orders/s: 201s ÷ that time; latencies of every"
                        + " answer, the 409s included. Baseline: one buyer alone for " + options.seconds(5)
                        + " s (after " + options.seconds(2) + " s of warm-up) on a product of its own with"
                        + " plenty of stock, just before the sale; its time to sell out is "
                        + UNITS + " ÷ its rate, not measured. Same stack as the contention run, right after it."
                        + " Units sold: units in placed orders (DynamoDB scan); oversold as in the contention"
                        + " run's check.");
    }
}
