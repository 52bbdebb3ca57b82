package serverlessshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warm latency through the gateway: each endpoint in turn, one client sending back to back, its
 * requests alternating between the production stack and the untuned one (A, B, A, B...), after a
 * warm-up; then each function's own time per request, from its SHOP_BENCH_TIMING lines.
 */
final class WarmLatency {

    /**
     * A warm Lambda instance has served hundreds of requests: with Lambda's C1-only JIT the request path
     * is compiled after a few hundred, and 3 s (about 120 requests here) left much of it interpreted.
     */
    private static final double WARMUP_SECONDS = 12;

    /** An endpoint measured: the requests per stack, the function that serves it and its goals. */
    private record Endpoint(
            String name,
            String function,
            Map<String, List<LoadPlan.Request>> requests,
            String uniqueHeader,
            Long p99GoalMicros,
            long ownGoalMicros) {}

    private final Load load;
    private final BenchOptions options;

    WarmLatency(Load load, BenchOptions options) {
        this.load = load;
        this.options = options;
    }

    void run(
            Report report,
            LocalCloudProcess production,
            LocalCloudProcess untuned,
            JvmConfiguration baseline,
            Fixtures fixtures,
            Map<String, String> shopperTokens)
            throws Exception {
        for (Endpoint endpoint : endpoints(production, untuned, fixtures, shopperTokens)) {
            measure(report, endpoint, production, untuned);
        }
        report.method(
                "Warm latency",
                "through the local gateway (routes.json, JWT authorizer, payload-2.0 events,"
                        + " the Lambda Runtime API) to a warm function on MariaDB or DynamoDB Local; one client in a separate"
                        + " process (LoadGenerator), back to back, alternating request by request between the production"
                        + " stack and a second stack, the baseline, whose functions run " + baseline.name() + " ("
                        + baseline.description() + "); "
                        + seconds(WARMUP_SECONDS) + " s of warm-up, then up to " + seconds(8)
                        + " s or 3,000 requests per stack;"
                        + " nearest-rank percentiles of every request's round trip. GET /products/{id} reads one of 100+"
                        + " products in turn; GET /products is page 1 of 20; POST /orders buys 2 products (1 unit each)"
                        + " with a fresh Idempotency-Key per request (the whole saga: claim, reserve in products by a"
                        + " direct invocation through the local Lambda API, SigV4 checked, place, confirm); GET /customers/{id}/orders lists 20 of the customer's 50 orders.");
        report.method(
                "Handler overhead",
                "both stacks run their functions with benchmarks/function-timing's jar"
                        + " appended to the class path (after the functions' own jars: the AOT cache still loads) and its"
                        + " TimedHandler as the handler, which prints each invocation's time inside the function's"
                        + " StreamLambdaHandler.handleRequest and the part of it spent waiting on downstream calls: every JDBC"
                        + " call (connection, transaction control, statements) for products; DynamoDB round trips (an SDK"
                        + " global ExecutionInterceptor, before to after transmission) and products API calls for orders."
                        + " Overhead = handler - downstream, per request of the warm run; for POST /orders it is the orders"
                        + " function's own time, products' reserve and confirm excluded.");
    }

    private double seconds(double full) {
        return options.seconds(full);
    }

    private List<Endpoint> endpoints(
            LocalCloudProcess production, LocalCloudProcess untuned, Fixtures fixtures, Map<String, String> tokens) {
        List<BenchDatabase.Product> readable = new ArrayList<>(fixtures.warm());
        readable.addAll(fixtures.catalogueSample());
        List<LoadPlan.Request> byId = readable.stream()
                .map(p -> new LoadPlan.Request("GET", "/products/" + p.id(), Map.of(), null))
                .toList();
        List<LoadPlan.Request> list = List.of(new LoadPlan.Request("GET", "/products?limit=20", Map.of(), null));
        return List.of(
                new Endpoint(
                        "GET /products/{id}",
                        "products",
                        Map.of(production.name(), byId, untuned.name(), byId),
                        null,
                        8_000L,
                        500L),
                new Endpoint(
                        "GET /products (page of 20)",
                        "products",
                        Map.of(production.name(), list, untuned.name(), list),
                        null,
                        null,
                        500L),
                new Endpoint(
                        "POST /orders (2 items)",
                        "orders",
                        Map.of(
                                production.name(), List.of(order(fixtures, tokens.get(production.name()))),
                                untuned.name(), List.of(order(fixtures, tokens.get(untuned.name())))),
                        "Idempotency-Key",
                        35_000L,
                        3_000L),
                new Endpoint(
                        "GET /customers/{id}/orders",
                        "orders",
                        Map.of(
                                production.name(), List.of(history(tokens.get(production.name()))),
                                untuned.name(), List.of(history(tokens.get(untuned.name())))),
                        null,
                        null,
                        1_500L));
    }

    static LoadPlan.Request order(Fixtures fixtures, String authorization) {
        return Orders.post(Orders.body(fixtures.warm().get(0), fixtures.warm().get(1)), authorization);
    }

    static LoadPlan.Request history(String authorization) {
        return new LoadPlan.Request(
                "GET",
                "/customers/" + Bench.SHOPPER + "/orders?limit=20",
                Map.of("Authorization", authorization),
                null);
    }

    private void measure(Report report, Endpoint endpoint, LocalCloudProcess production, LocalCloudProcess untuned)
            throws Exception {
        int productionLines = production.timingCount(endpoint.function());
        int untunedLines = untuned.timingCount(endpoint.function());
        List<LoadPlan.Outcome> outcomes = load.run(new LoadPlan(
                List.of(
                        new LoadPlan.Variant(
                                production.name(),
                                production.baseUrl(),
                                endpoint.requests().get(production.name())),
                        new LoadPlan.Variant(
                                untuned.name(),
                                untuned.baseUrl(),
                                endpoint.requests().get(untuned.name()))),
                1,
                seconds(WARMUP_SECONDS),
                20,
                seconds(8),
                3_000,
                endpoint.uniqueHeader()));
        LoadPlan.Outcome tuned = outcomes.get(0);
        LoadPlan.Outcome baseline = outcomes.get(1);
        failures(report, endpoint.name(), tuned);
        failures(report, endpoint.name(), baseline);
        Samples measured = tuned.latencies();
        Samples base = baseline.latencies();
        String goal = endpoint.p99GoalMicros() == null ? "" : "p99 ≤ " + Row.duration(endpoint.p99GoalMicros());
        Boolean met = endpoint.p99GoalMicros() == null ? null : measured.percentile(99) <= endpoint.p99GoalMicros();
        report.add(new Row(
                "Warm latency (p50 / p99 / max)",
                endpoint.name() + " (" + measured.count() + " requests)",
                triple(measured),
                triple(base),
                "p50 " + Row.ratio(measured.median(), base.median()) + ", p99 "
                        + Row.ratio(measured.percentile(99), base.percentile(99)),
                goal,
                met));

        Thread.sleep(500); // the functions' last lines are still on their way through the stack's console
        Samples own = own(production, endpoint.function(), productionLines + tuned.warmup(), measured.count());
        Samples ownBase = own(untuned, endpoint.function(), untunedLines + baseline.warmup(), base.count());
        if (own.isEmpty() || ownBase.isEmpty()) {
            report.note("no SHOP_BENCH_TIMING lines for " + endpoint.name() + ": handler overhead not measured");
            return;
        }
        report.add(new Row(
                "Handler overhead (handler − downstream, p50 / p99)",
                endpoint.name() + " (" + endpoint.function() + ")",
                Row.duration(own.median()) + " / " + Row.duration(own.percentile(99)),
                Row.duration(ownBase.median()) + " / " + Row.duration(ownBase.percentile(99)),
                Row.ratio(own.median(), ownBase.median()),
                "p50 ≤ " + Row.duration(endpoint.ownGoalMicros()),
                own.median() <= endpoint.ownGoalMicros()));
    }

    private static Samples own(LocalCloudProcess stack, String function, int from, int count) {
        return Samples.of(stack.timings(function, from, count).stream()
                .map(LocalCloudProcess.HandlerTime::ownMicros)
                .toList());
    }

    private static String triple(Samples samples) {
        return Row.duration(samples.median()) + " / " + Row.duration(samples.percentile(99)) + " / "
                + Row.duration(samples.max());
    }

    static void failures(Report report, String what, LoadPlan.Outcome outcome) {
        int failed = outcome.latenciesMicros().size() - outcome.successes();
        if (failed > 0) {
            report.note(what + " on " + outcome.label() + ": " + failed + " of "
                    + outcome.latenciesMicros().size() + " requests did not succeed (statuses " + outcome.statuses()
                    + ")");
        }
    }
}
