package serverlessshop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import serverlessshop.localcloud.lambda.FunctionImage;

/**
 * Where a function's own time goes, per endpoint: the production stack's functions under load, each
 * endpoint in turn, with a JFR recording started on every instance of the function after the warm-up
 * (jcmd JFR.start on the running JVM: the function is launched as it ships, nothing added to its
 * command line) and read back into a {@link FlameTable} of the handler thread's CPU samples.
 */
final class Profile {

    /** As the warm-latency run: enough requests for C1 to have compiled the request path. */
    private static final double WARMUP_SECONDS = 12;

    private static final double RECORDED_SECONDS = 8;
    /**
     * The Runtime Interface Client runs the handler on the JVM's main thread; the other threads (GC,
     * JIT, JFR itself, the SDK's timers) are not the handler's time.
     */
    private static final String HANDLER_THREAD = "main";
    /** Spring's request path is a few hundred frames deep; JFR's default (64) cuts the entry off. */
    private static final int STACK_DEPTH = 1024;

    private static final String RECORDING = "shop-profile";

    private record Endpoint(String name, String function, List<LoadPlan.Request> requests, String uniqueHeader) {}

    private final Load load;
    private final BenchOptions options;
    private final Layout layout;
    private final Path workDir;

    Profile(Load load, BenchOptions options, Layout layout, Path workDir) {
        this.load = load;
        this.options = options;
        this.layout = layout;
        this.workDir = workDir;
    }

    void run(Report report, LocalCloudProcess production, Fixtures fixtures, String shopperToken) throws Exception {
        Path recordings = Files.createDirectories(workDir.resolve("profile"));
        for (Endpoint endpoint : endpoints(fixtures, shopperToken)) {
            load(production, endpoint, options.seconds(WARMUP_SECONDS), 0);
            List<ProcessHandle> instances =
                    production.instances(FunctionImage.read(endpoint.function(), layout.dockerfile(endpoint.function()))
                                    .libDir()
                            + "/*");
            if (instances.isEmpty()) {
                report.note("profile of " + endpoint.name() + ": no " + endpoint.function() + " instance found");
                continue;
            }
            for (ProcessHandle instance : instances) {
                // Only before the instance's first recording; after that JFR keeps the depth it has.
                try {
                    jcmd(instance, "JFR.configure", "stackdepth=" + STACK_DEPTH);
                } catch (IOException e) {
                    System.out.println("profile: " + e.getMessage());
                }
                jcmd(instance, "JFR.start", "name=" + RECORDING, "settings=default", "method-profiling=max");
            }
            int before = production.timingCount(endpoint.function());
            LoadPlan.Outcome outcome = load(production, endpoint, 0, options.seconds(RECORDED_SECONDS));
            WarmLatency.failures(report, "profile of " + endpoint.name(), outcome);
            List<Path> files = new ArrayList<>();
            for (ProcessHandle instance : instances) {
                Path file = recordings.resolve(slug(endpoint.name()) + "-" + instance.pid() + ".jfr");
                Files.deleteIfExists(file);
                jcmd(instance, "JFR.stop", "name=" + RECORDING, "filename=" + file);
                if (Files.exists(file)) {
                    files.add(file);
                }
            }
            Thread.sleep(500); // the last timing lines are still on their way through the stack's console
            // Orders' timing lines: POST /orders also runs products (reserve, confirm), which print their own.
            Samples own = Samples.of(
                    production
                            .timings(
                                    endpoint.function(),
                                    before,
                                    outcome.latenciesMicros().size())
                            .stream()
                            .map(LocalCloudProcess.HandlerTime::ownMicros)
                            .toList());
            FlameTable flame = FlameTable.read(files, HANDLER_THREAD::equals);
            report.section(
                    "Profile: " + endpoint.name(),
                    summary(endpoint, outcome, own, flame) + "\n\n" + flame.markdown(12, 10));
        }
        report.method(
                "Profiles",
                "the production stack's functions under one client's back-to-back requests through the gateway,"
                        + " each endpoint in turn: " + options.seconds(WARMUP_SECONDS) + " s of warm-up, then a JFR"
                        + " recording (jcmd JFR.start on every running instance of the function: settings=default,"
                        + " method-profiling=max, a CPU sample of each running Java thread every 1 ms, stacks up to "
                        + STACK_DEPTH + " frames) over " + options.seconds(RECORDED_SECONDS) + " s of load."
                        + " Only the handler thread's samples count (the Runtime Interface Client's main thread: the"
                        + " event read, the handler, the response written); samples taken while the thread waits"
                        + " (downstream calls) are not CPU samples, so the shares are of the function's own CPU time."
                        + " Inclusive: the share of samples with the frame on the stack (frames on every sample, the"
                        + " thread's entry, are left out); self: with the frame on top. POST /orders profiles the"
                        + " orders function (products' reserve and confirm are another function's). The recordings"
                        + " are left in benchmarks/target/bench/profile/ for JDK Mission Control or `jfr print`.");
    }

    private static String summary(Endpoint endpoint, LoadPlan.Outcome outcome, Samples own, FlameTable flame) {
        String ownTime = own.isEmpty()
                ? "no timing lines"
                : "own time (handler − downstream) p50 " + Row.duration(own.median()) + ", p90 "
                        + Row.duration(own.percentile(90));
        return endpoint.function() + " function, " + outcome.latenciesMicros().size() + " requests recorded; "
                + ownTime + "; " + flame.samples() + " CPU samples of the handler thread"
                + (flame.truncated() > 0 ? " (" + flame.truncated() + " with stacks cut at " + STACK_DEPTH + ")" : "")
                + ".";
    }

    private LoadPlan.Outcome load(LocalCloudProcess stack, Endpoint endpoint, double warmup, double seconds)
            throws IOException, InterruptedException {
        return load.run(new LoadPlan(
                        List.of(new LoadPlan.Variant(stack.name(), stack.baseUrl(), endpoint.requests())),
                        1,
                        warmup,
                        0,
                        seconds,
                        seconds == 0 ? 0 : 100_000,
                        endpoint.uniqueHeader()))
                .getFirst();
    }

    private static List<Endpoint> endpoints(Fixtures fixtures, String shopperToken) {
        List<BenchDatabase.Product> readable = new ArrayList<>(fixtures.warm());
        readable.addAll(fixtures.catalogueSample());
        return List.of(
                new Endpoint(
                        "GET /products/{id}",
                        "products",
                        readable.stream()
                                .map(p -> new LoadPlan.Request("GET", "/products/" + p.id(), Map.of(), null))
                                .toList(),
                        null),
                new Endpoint(
                        "GET /products",
                        "products",
                        List.of(new LoadPlan.Request("GET", "/products?limit=20", Map.of(), null)),
                        null),
                new Endpoint("GET /customers/{id}/orders", "orders", List.of(WarmLatency.history(shopperToken)), null),
                new Endpoint(
                        "POST /orders",
                        "orders",
                        List.of(WarmLatency.order(fixtures, shopperToken)),
                        "Idempotency-Key"));
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z]+", "-").replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
    }

    /** jcmd of the JDK the instance runs on, so that it speaks that JVM's attach protocol. */
    private static void jcmd(ProcessHandle instance, String... command) throws IOException, InterruptedException {
        Optional<String> java = instance.info().command();
        Path jcmd = java.map(Path::of)
                .map(path -> path.resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                .orElseThrow(() -> new IOException("no jcmd beside the JVM of process " + instance.pid()));
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(instance.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " on " + instance.pid() + ": " + out.strip());
        }
        System.out.println("profile: jcmd " + instance.pid() + " " + String.join(" ", command) + ": " + out.strip());
    }
}
