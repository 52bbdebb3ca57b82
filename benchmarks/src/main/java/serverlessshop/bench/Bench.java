package serverlessshop.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.FunctionWiring;
import serverlessshop.localcloud.LocalCloudOptions;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * {@code make bench}: prepares a MariaDB database and two local clouds (the functions as they ship,
 * and the same functions untuned), measures cold starts, warm latency, handler overhead, memory,
 * pagination at depth and contention, each beside its baseline, prints the table and writes
 * BENCHMARKS.md. Everything it starts listens on 127.0.0.1 and is stopped at the end; the stacks'
 * and functions' own output goes to target/bench/ instead of the console.
 */
public final class Bench {

    /** The customer of the warm runs (50 orders) and of the cold starts of orders. */
    static final String SHOPPER = "bench-shopper";
    /** The customer with 10,000 orders, for the scale run. */
    static final String DEEP_CUSTOMER = "bench-deep";

    /** Instances per function on the production stack: enough for 32 clients to contend in MariaDB. */
    static final int PRODUCTION_CONCURRENCY = 4;

    private final BenchOptions options;
    private final PrintStream console;
    private final Path workDir;
    private final Report report = new Report();
    private final List<String> failures = new ArrayList<>();

    private Bench(BenchOptions options, PrintStream console, Path workDir) {
        this.options = options;
        this.console = console;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("make bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Functions and stacks print a lot; the console shows the harness's progress and the table.
        PrintStream console = System.out;
        Path workDir = Files.createDirectories(options.repo().resolve("benchmarks/target/bench"));
        System.setOut(
                new PrintStream(Files.newOutputStream(workDir.resolve("functions.log")), true, StandardCharsets.UTF_8));
        int status = new Bench(options, console, workDir).run();
        System.exit(status);
    }

    private int run() throws Exception {
        long begin = System.nanoTime();
        Machine machine = Machine.describe(options.repo());
        String loadBefore = Machine.loadAverage();
        say("make bench: " + machine.cores() + " cores, " + machine.memoryMb() + " MB, " + machine.jdk()
                + "; load average " + loadBefore + "; logs in " + options.repo().relativize(workDir));
        Layout layout = new Layout(options.repo());
        layout.requireBuilt();

        BenchDatabase database = new BenchDatabase(System.getenv());
        say("database " + database.name() + ": migrating with the products image's MigrateHandler, seeding "
                + String.format("%,d", options.catalogSize()) + " products...");
        database.recreate();
        migrate(layout, database);
        Fixtures fixtures = Fixtures.seed(database, options.catalogSize());

        Map<String, String> stackEnv = Map.of(
                "PRODUCTS_DB_URL",
                database.functionUrl(),
                "PRODUCTS_DB_USER",
                database.user(),
                "PRODUCTS_DB_PASSWORD",
                database.password());
        // The contention run's customers place hundreds of orders each, far above a shopper's rate limit
        // and open units (still counted, with the orders, as in production: the cost is measured).
        Map<String, String> functionEnv =
                Map.of("ORDERS_CREATE_RATE_LIMIT", "1000000", "ORDERS_MAX_OPEN_UNITS_PER_PRODUCT", "0");
        JvmConfiguration second = options.warmBaseline();
        Map<String, String> baselineEnv = new LinkedHashMap<>(functionEnv);
        baselineEnv.putAll(second.overrides());
        say("starting two local clouds: production (up to " + PRODUCTION_CONCURRENCY + " instances per function) and "
                + second.name() + "...");
        try (LocalCloudProcess production = LocalCloudProcess.start(
                        "production", options.repo(), workDir, PRODUCTION_CONCURRENCY, functionEnv, stackEnv, true);
                LocalCloudProcess untuned = LocalCloudProcess.start(
                        second.name(), options.repo(), workDir, 1, baselineEnv, stackEnv, true)) {
            int deepOrders = new ScaleRun(null, options).deepCustomerOrders();
            say("seeding DynamoDB: " + SHOPPER + " 50 orders on each stack, " + DEEP_CUSTOMER + " "
                    + String.format("%,d", deepOrders) + " orders on production...");
            for (LocalCloudProcess stack : List.of(production, untuned)) {
                new OrdersTable(stack.dynamoDbEndpoint(), "orders")
                        .seed(SHOPPER, 50, fixtures.warm().getFirst());
            }
            if (options.runs("scale")) {
                new OrdersTable(production.dynamoDbEndpoint(), "orders")
                        .seed(DEEP_CUSTOMER, deepOrders, fixtures.warm().getFirst());
            }

            phase("cold", () -> coldStarts(layout, database, fixtures, production));
            Load load = new Load(workDir);
            phase("warm", () -> {
                Map<String, String> tokens =
                        Map.of(production.name(), token(production, SHOPPER), untuned.name(), token(untuned, SHOPPER));
                new WarmLatency(load, options).run(report, production, untuned, second, fixtures, tokens);
                memory(layout, production, untuned);
                new Floor(layout)
                        .measureHandlerTime(
                                report, workDir.resolve("functions.log"), options.seconds(12), options.seconds(8));
            });
            phase(
                    "scale",
                    () -> new ScaleRun(load, options)
                            .run(report, production, fixtures, token(production, DEEP_CUSTOMER)));
            phase("jobs", () -> new JobsRun(options).run(report, layout, database, fixtures, production));
            phase(
                    "contention",
                    () -> new Contention(load, options)
                            .run(report, production, PRODUCTION_CONCURRENCY, fixtures, database));
            phase(
                    "profile",
                    () -> new Profile(load, options, layout, workDir)
                            .run(report, production, fixtures, token(production, SHOPPER)));
            say("stopping the stacks...");
        }
        String loadAfter = Machine.loadAverage();
        long seconds = (System.nanoTime() - begin) / 1_000_000_000;
        console.println();
        console.print(report.consoleTable());
        if (options.write()) {
            report.write(
                    options.out(),
                    machine,
                    loadBefore,
                    loadAfter,
                    seconds,
                    options.repo().resolve("benchmarks/levers.md"));
            say("wrote " + options.repo().relativize(options.out()) + " (" + seconds + " s; load average " + loadAfter
                    + " at the end)");
        }
        if (!failures.isEmpty()) {
            console.println("make bench: some phases failed: " + String.join("; ", failures));
            return 1;
        }
        return 0;
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** A phase that fails is reported and the others still run: one broken figure should not hide the rest. */
    private void phase(String name, Phase phase) {
        if (!options.runs(name)) {
            return;
        }
        say(name + "...");
        long begin = System.nanoTime();
        try {
            phase.run();
            say(name + ": done in " + (System.nanoTime() - begin) / 1_000_000_000 + " s");
        } catch (Exception e) {
            failures.add(name + ": " + e.getMessage());
            report.note("the " + name + " phase failed: " + e.getMessage());
            e.printStackTrace(System.out);
        }
    }

    private void coldStarts(Layout layout, BenchDatabase database, Fixtures fixtures, LocalCloudProcess stack)
            throws Exception {
        FunctionEvents events = new FunctionEvents(layout.routesJson());
        ColdStarts cold = new ColdStarts(layout.runtimeLib(), TRACED_WARM_INVOCATIONS);
        Floor floor = new Floor(layout);
        floor.prepare();
        cold.launchBeside(floor.companion());
        Floor.describe(report);
        try (UdpSink daemon = new UdpSink()) {
            JvmConfiguration tracing = JvmConfiguration.tracingOn(daemon.address());
            for (String function : List.of("products", "orders")) {
                Map<String, Samples> times =
                        coldStarts(function, layout, database, fixtures, stack, events, cold, tracing, daemon);
                floor.report(report, function, times, cold.companion());
            }
        }
        StringBuilder method = new StringBuilder("each launch is a new JVM started by the gateway's own"
                + " LambdaFunction as the local cloud starts a function (the image's ENTRYPOINT and CMD: its"
                + " lambda-java launcher, the Runtime Interface Client as main class; its ENV; the Lambda Runtime"
                + " API), timed from just before the process is launched to the first response to a real payload-2.0"
                + " event of a signed-in shopper, whose token the function verifies (products: GET /products/{id} on"
                + " MariaDB; orders: GET /customers/{id}/orders of a customer with 50 orders on DynamoDB Local); the configurations take turns launch by launch; the figure is"
                + " the median, with the fastest and slowest launch. Migrations are off as in AWS (the image's ENV)."
                + " Configurations: ");
        List<JvmConfiguration> all =
                new ArrayList<>(List.of(JvmConfiguration.production(), JvmConfiguration.untuned()));
        all.addAll(options.variants());
        all.forEach(c ->
                method.append(c.name()).append(" = ").append(c.description()).append("; "));
        method.append("no AOT cache = ")
                .append(JvmConfiguration.withoutAotCache().description())
                .append('.');
        method.append(" X-Ray: tracing on = ")
                .append(JvmConfiguration.tracingOn("<sink>").description())
                .append(
                        ", against production (the same image, each header Sampled=0), launch by launch; its warm figure is")
                .append(" the median of the ")
                .append(TRACED_WARM_INVOCATIONS)
                .append(" invocations each launched instance")
                .append(" answers after its first. It measures what the function does when traced (the trace id in the")
                .append(" logs, the header on calls, anything sent to the daemon: counted by the sink); it leaves out")
                .append(
                        " Lambda's own side (its daemon, the segments it records, the X-Ray API), which this machine cannot run.");
        report.method("Cold start", method.toString());
    }

    /** How many more requests each launched instance answers, timed, for tracing's cost per request. */
    private static final int TRACED_WARM_INVOCATIONS = 10;
    /** The container's own Spring Boot sample starts in about 0.52 s with a JDK 25 AOT cache: our goal. */
    private static final long COLD_START_GOAL_MICROS = 600_000;

    private Map<String, Samples> coldStarts(
            String function,
            Layout layout,
            BenchDatabase database,
            Fixtures fixtures,
            LocalCloudProcess stack,
            FunctionEvents events,
            ColdStarts cold,
            JvmConfiguration tracing,
            UdpSink daemon)
            throws Exception {
        FunctionImage image = FunctionImage.read(function, layout.dockerfile(function));
        List<JvmConfiguration> configurations =
                new ArrayList<>(List.of(JvmConfiguration.untuned(), JvmConfiguration.production()));
        if (image.entrypoint().stream().anyMatch(word -> word.startsWith("-XX:AOTCache="))) {
            configurations.add(1, JvmConfiguration.withoutAotCache());
        }
        configurations.add(tracing);
        configurations.addAll(options.variants());
        // A signed-in shopper's request on both: the function verifies the token itself (with the keys
        // delivered in its environment), so the first response includes that verification's cost.
        String shopper = IssuerClient.shoppers(URI.create(stack.baseUrl())).signIn(SHOPPER);
        byte[] event = function.equals("products")
                ? events.signedIn(
                        shopper,
                        "GET",
                        "/products/" + fixtures.warm().getFirst().id(),
                        "")
                : events.signedIn(shopper, "GET", "/customers/" + SHOPPER + "/orders", "limit=20");
        long datagramsBefore = daemon.datagrams();
        long bytesBefore = daemon.bytes();
        Map<String, Samples> times = cold.measure(
                image, coldConfiguration(function, image, database, stack), event, configurations, options.launches());
        Samples baseline = times.get(JvmConfiguration.untuned().name());
        for (JvmConfiguration configuration : configurations.subList(1, configurations.size())) {
            Samples measured = times.get(configuration.name());
            boolean production =
                    configuration.name().equals(JvmConfiguration.production().name());
            report.add(new Row(
                    "Cold start to first response (median of " + options.launches() + ")",
                    function + ": " + configuration.name(),
                    Row.duration(measured.median()) + " (" + Row.duration(measured.min()) + "–"
                            + Row.duration(measured.max()) + ")",
                    Row.duration(baseline.median()) + " (untuned)",
                    Row.ratio(measured.median(), baseline.median()),
                    production ? "≤ " + Row.duration(COLD_START_GOAL_MICROS) : "",
                    production ? measured.median() <= COLD_START_GOAL_MICROS : null));
        }
        // Tracing's own cost: traced against the image as it ships, side by side in the same launches.
        Samples off = times.get(JvmConfiguration.production().name());
        Samples on = times.get(tracing.name());
        report.add(new Row(
                "X-Ray tracing: traced ÷ untraced (the same image)",
                function + ": cold start (median of " + options.launches() + ")",
                Row.duration(on.median()),
                Row.duration(off.median()) + " (production)",
                Row.ratio(on.median(), off.median()),
                "≤ 1.05",
                on.median() <= off.median() * 1.05));
        Samples warmOff = cold.warm().get(JvmConfiguration.production().name());
        Samples warmOn = cold.warm().get(tracing.name());
        report.add(new Row(
                "X-Ray tracing: traced ÷ untraced (the same image)",
                function + ": warm request (median of " + warmOn.count() + ")",
                Row.duration(warmOn.median()),
                Row.duration(warmOff.median()) + " (production)",
                Row.ratio(warmOn.median(), warmOff.median()),
                "≤ 1.05",
                warmOn.median() <= warmOff.median() * 1.05));
        report.add(new Row(
                "X-Ray tracing: traced ÷ untraced (the same image)",
                function + ": sent to the X-Ray daemon",
                (daemon.datagrams() - datagramsBefore) + " datagrams, " + (daemon.bytes() - bytesBefore) + " bytes",
                "",
                "",
                "",
                null));
        return times;
    }

    /** What the stack would configure, with the image's own migrate and sweep settings, as in AWS. */
    static Map<String, String> coldConfiguration(
            String function, FunctionImage image, BenchDatabase database, LocalCloudProcess stack)
            throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "PRODUCTS_DB_URL",
                database.functionUrl(),
                "PRODUCTS_DB_USER",
                database.user(),
                "PRODUCTS_DB_PASSWORD",
                database.password()));
        environment.putAll(stack.functionWiringEnvironment());
        LocalCloudOptions options =
                new LocalCloudOptions(Path.of("").toAbsolutePath(), 0, 0, Path.of("."), true, false, environment);
        Map<String, String> configuration = new LinkedHashMap<>(FunctionWiring.configuration(
                function,
                options,
                new FunctionWiring.Endpoints(
                        stack.baseUrl(),
                        stack.issuerUrl(),
                        stack.issuerJwkSet(),
                        stack.adminIssuerUrl(),
                        stack.adminIssuerJwkSet(),
                        stack.dynamoDbEndpoint(),
                        stack.lambdaEndpoint(),
                        // No image store, bus or mail server: what runs here lists and sells products, it
                        // never uploads images, and the order events' functions are not among those measured.
                        null,
                        null,
                        null)));
        configuration.keySet().removeIf(image.env()::containsKey);
        // The events go straight to the function, not through the front door that adds the origin header.
        configuration.remove(FunctionWiring.ORIGIN_VALUES);
        return configuration;
    }

    private void memory(Layout layout, LocalCloudProcess production, LocalCloudProcess untuned) throws IOException {
        for (String function : List.of("products", "orders")) {
            // Timed, every function's handler is TimedHandler: its jars tell them apart.
            String jars =
                    FunctionImage.read(function, layout.dockerfile(function)).libDir() + "/*";
            long tuned = PeakMemory.megabytes(production.instances(jars));
            long base = PeakMemory.megabytes(untuned.instances(jars));
            report.add(new Row(
                    "Memory (peak RSS after the warm run)",
                    function,
                    tuned + " MB",
                    base + " MB (" + untuned.name() + ")",
                    Row.ratio(tuned, base),
                    "≤ 512 MB",
                    tuned > 0 && tuned <= 512));
        }
        report.method(
                "Memory",
                "VmHWM (peak resident set) of /proc/<pid>/status of each function's instance after the"
                        + " warm-latency run, production stack vs the baseline stack; a Lambda function of 512 MB must hold it.");
    }

    private void migrate(Layout layout, BenchDatabase database) throws Exception {
        // The deploy's migrate function: the products image with its command overridden.
        FunctionImage migrate = FunctionImage.read("products", layout.dockerfile("products"))
                .withHandler("products-migrate", "serverlessshop.products.lambda.MigrateHandler::handleRequest");
        Map<String, String> configuration = Map.of(
                "PRODUCTS_DB_URL",
                database.functionUrl(),
                "PRODUCTS_DB_USER",
                database.user(),
                "PRODUCTS_DB_PASSWORD",
                database.password());
        try (LambdaFunction function = new LambdaFunction(
                migrate, LambdaEnvironment.of(migrate, configuration, layout.runtimeLib()), layout.runtimeLib())) {
            function.invoke("{}".getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(120));
        }
    }

    private static String token(LocalCloudProcess stack, String user) throws IOException, InterruptedException {
        return "Bearer " + IssuerClient.shoppers(URI.create(stack.baseUrl())).signIn(user);
    }

    private void say(String text) {
        console.println(text);
        console.flush();
    }
}
