package serverlessshop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import serverlessshop.localcloud.lambda.AotCache;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.FunctionMemory;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * The floor: benchmarks/floor-function, the least a Spring Boot function on aws-serverless-java-container
 * can be (one GET endpoint, nothing else), launched as the shop's functions are: the same
 * {@link ColdStarts} (the gateway's LambdaFunction, the image's launcher and JVM options, the Runtime
 * API), the memory the deployment gives the shop's functions, and its own AOT cache made from its own
 * training run as the stack makes theirs. What it costs is the framework's part of a cold start; each of
 * the shop's cold starts is also given as a ratio to it, measured in the same run ("above the floor").
 */
final class Floor {

    static final String NAME = "floor";
    static final String SECTION = "Cold start above the floor (the function ÷ the floor, the same configuration)";

    private final Layout layout;
    private final FunctionImage image;
    private final int memoryMb;

    Floor(Layout layout) throws IOException {
        this.layout = layout;
        this.image = FunctionImage.read(NAME, layout.floorDockerfile());
        // The image is outside the deployment; it runs with the memory the shop's API functions get.
        this.memoryMb = FunctionMemory.megabytes(FunctionImage.read("products", layout.dockerfile("products")));
    }

    /** Makes the floor's AOT cache as the local cloud makes a function's, unless it is fresh. */
    void prepare() throws IOException, InterruptedException {
        Path runtimeLib = layout.runtimeLib();
        if (!AotCache.ensure(image, LambdaEnvironment.of(image, Map.of(), runtimeLib, memoryMb), runtimeLib)) {
            throw new IOException("the floor's AOT cache could not be made (see " + NAME + " in functions.log)");
        }
    }

    /** The floor launched right after each of a function's untuned and production launches. */
    ColdStarts.Companion companion() {
        return new ColdStarts.Companion(
                image,
                event("item-1"),
                memoryMb,
                Set.of(
                        JvmConfiguration.untuned().name(),
                        JvmConfiguration.production().name()));
    }

    /**
     * The function's cold starts beside the floor's of the same configuration, launched in turn with
     * them: what the shop adds to the framework.
     */
    void report(Report report, String function, Map<String, Samples> functionColdStarts, Map<String, Samples> floor) {
        Samples floorUntuned = floor.get(JvmConfiguration.untuned().name());
        Samples floorProduction = floor.get(JvmConfiguration.production().name());
        if (floorUntuned == null || floorProduction == null) {
            return;
        }
        report.add(new Row(
                SECTION,
                NAME + " (launched beside " + function + "): production",
                Row.duration(floorProduction.median()) + " (" + Row.duration(floorProduction.min()) + "–"
                        + Row.duration(floorProduction.max()) + ")",
                Row.duration(floorUntuned.median()) + " (floor untuned)",
                Row.ratio(floorProduction.median(), floorUntuned.median()),
                "",
                null));
        for (JvmConfiguration configuration : List.of(JvmConfiguration.untuned(), JvmConfiguration.production())) {
            Samples floorTimes = floor.get(configuration.name());
            Samples measured = functionColdStarts.get(configuration.name());
            report.add(new Row(
                    SECTION,
                    function + ": " + configuration.name(),
                    Row.duration(measured.median()) + " (+" + Row.duration(measured.median() - floorTimes.median())
                            + ")",
                    Row.duration(floorTimes.median()) + " (floor)",
                    Row.ratio(measured.median(), floorTimes.median()),
                    "",
                    null));
        }
    }

    /**
     * The floor's own time per request, measured as the functions' handler overhead is: TimedHandler
     * (benchmarks/function-timing, after its jars) around its handler, one line per invocation in the
     * function's output, which the harness writes to {@code functionsLog}; a warm-up first, as in the
     * warm run. The floor calls nothing downstream: its time is all its own.
     */
    void measureHandlerTime(Report report, Path functionsLog, double warmupSeconds, double seconds) throws Exception {
        FunctionImage timed = image.withHandler(NAME, LocalCloudProcess.TIMED_HANDLER);
        Map<String, String> configuration =
                Map.of(LocalCloudProcess.HANDLER_VARIABLE + NAME.toUpperCase(Locale.ROOT), image.handler());
        long before = timingLines(functionsLog).size();
        int warmup;
        int recorded;
        try (LambdaFunction function = new LambdaFunction(
                timed,
                LambdaEnvironment.of(timed, configuration, layout.runtimeLib(), memoryMb),
                layout.runtimeLib(),
                1,
                List.of(layout.functionTiming()))) {
            warmup = invokeFor(function, warmupSeconds);
            recorded = invokeFor(function, seconds);
            Thread.sleep(500); // the instance's last lines are still on their way to the log
        }
        List<Long> own = timingLines(functionsLog).stream()
                .skip(before + warmup)
                .limit(recorded)
                .map(line -> LocalCloudProcess.HandlerTime.parse(line).ownMicros())
                .toList();
        if (own.isEmpty()) {
            report.note("no " + TIMING + " lines for the floor: its handler time not measured");
            return;
        }
        Samples samples = Samples.of(own);
        report.add(new Row(
                "Handler overhead (handler − downstream, p50 / p99)",
                "GET /items/{id} (the floor, " + samples.count() + " invocations)",
                Row.duration(samples.median()) + " / " + Row.duration(samples.percentile(99)),
                "",
                "",
                "",
                null));
    }

    private static final String TIMING = "SHOP_BENCH_TIMING";

    /** The floor's timing lines in the harness's log of the functions' output ("floor    | ..."). */
    private static List<String> timingLines(Path functionsLog) throws IOException {
        String prefix = String.format("%-9s| ", NAME);
        try (Stream<String> lines = Files.lines(functionsLog)) {
            return lines.filter(line -> line.startsWith(prefix) && line.contains(TIMING))
                    .toList();
        }
    }

    /** Invokes the function back to back for that long; returns how many times. */
    private static int invokeFor(LambdaFunction function, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int count = 0;
        while (System.nanoTime() < end) {
            function.invoke(event("item-" + count), Instant.now().plusSeconds(30));
            count++;
        }
        return count;
    }

    static void describe(Report report) {
        report.method(
                "Floor",
                "benchmarks/floor-function: Spring Boot with aws-serverless-java-container-springboot3 and"
                        + " spring-boot-starter-web without Tomcat (as the container's Spring Boot 3 sample), one GET"
                        + " endpoint answering a small JSON record, no database, no security, no service-support;"
                        + " its image built like the functions' (the same base image, launcher, ENTRYPOINT and"
                        + " class path rule), its AOT cache made by a training run of 200 of its own requests. It is"
                        + " launched like the functions (the same harness and configurations, the memory of the API"
                        + " functions), right after each untuned and each production launch of each function, so"
                        + " that both meet the machine alike; above the floor = the function's median ÷ the"
                        + " floor's median of the same launches, and the difference. Its handler time: after"
                        + " the warm run, one instance with TimedHandler around its handler (as the functions'"
                        + " handler overhead is measured), invoked back to back through the Runtime API, with"
                        + " the warm run's warm-up first.");
    }

    /** A payload-2.0 event of the floor's one route, as API Gateway's HTTP API sends it. */
    static byte[] event(String id) {
        String path = "/items/" + id;
        return """
                {"version":"2.0","routeKey":"GET /items/{id}","rawPath":"%s","rawQueryString":"",\
                "headers":{"accept":"application/json","host":"localhost","user-agent":"make-bench"},\
                "requestContext":{"accountId":"000000000000","apiId":"floor","domainName":"localhost",\
                "domainPrefix":"localhost","http":{"method":"GET","path":"%s","protocol":"HTTP/1.1",\
                "sourceIp":"127.0.0.1","userAgent":"make-bench"},"requestId":"bench",\
                "routeKey":"GET /items/{id}","stage":"$default","time":"05/Dec/2026:00:00:00 +0000",\
                "timeEpoch":1796428800000},"pathParameters":{"id":"%s"},"isBase64Encoded":false}""".formatted(path, path, id).getBytes(StandardCharsets.UTF_8);
    }
}
