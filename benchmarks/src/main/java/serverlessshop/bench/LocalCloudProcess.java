package serverlessshop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import serverlessshop.localcloud.FunctionWiring;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.process.JavaCommand;
import serverlessshop.localcloud.process.ProcessTrees;

/**
 * The whole local cloud in its own process, started exactly as {@code make run} starts it (main
 * class, class path, options), on ports of the harness's choosing. Its console goes to a log file.
 *
 * <p>Timed, its functions run with benchmarks/function-timing's jar at the end of their class path and its
 * TimedHandler in place of their handler, which runs theirs: each invocation prints one
 * {@code SHOP_BENCH_TIMING} line, kept here per function for the overhead figures. The functions'
 * own jars have no timing code, and the jar comes after them, so their AOT cache still loads.
 */
public final class LocalCloudProcess implements AutoCloseable {

    private static final String TIMING = "SHOP_BENCH_TIMING";
    /** The functions timed, and the handler that times them (benchmarks/function-timing). */
    static final List<String> FUNCTIONS = List.of("products", "orders");

    static final String TIMED_HANDLER = "serverlessshop.bench.timing.TimedHandler::handleRequest";
    static final String HANDLER_VARIABLE = "SHOP_BENCH_HANDLER_";

    private final String name;
    private final Process process;
    private final int port;
    private final int dynamoDbPort;
    private final int lambdaPort;

    /** One per harness run: every stack it starts and every function it starts beside them share the keys. */
    private static final String CREDENTIALS_SEED = UUID.randomUUID().toString();

    private final Map<String, List<HandlerTime>> timings = new ConcurrentHashMap<>();

    /** One invocation's time inside the handler and, of it, in downstream calls. */
    record HandlerTime(long handlerMicros, long downstreamMicros, int downstreamCalls) {

        long ownMicros() {
            return Math.max(0, handlerMicros - downstreamMicros);
        }

        /** {@code SHOP_BENCH_TIMING handler_us=1234 downstream_us=800 downstream_calls=3} */
        static HandlerTime parse(String text) {
            long handler = 0;
            long downstream = 0;
            int calls = 0;
            for (String field : text.substring(text.indexOf(TIMING) + TIMING.length())
                    .trim()
                    .split("\\s+")) {
                String[] pair = field.split("=", 2);
                switch (pair[0]) {
                    case "handler_us" -> handler = Long.parseLong(pair[1]);
                    case "downstream_us" -> downstream = Long.parseLong(pair[1]);
                    case "downstream_calls" -> calls = Integer.parseInt(pair[1]);
                    default -> {
                        // A field added later: not used here.
                    }
                }
            }
            return new HandlerTime(handler, downstream, calls);
        }
    }

    private LocalCloudProcess(String name, Process process, int port, int dynamoDbPort, int lambdaPort) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.dynamoDbPort = dynamoDbPort;
        this.lambdaPort = lambdaPort;
    }

    /**
     * The functions as they ship, untimed.
     *
     * @param functionEnvironment variables every function gets over its image's ENV (--function-env)
     * @param environment         the stack's own environment additions (PRODUCTS_DB_URL ...)
     */
    public static LocalCloudProcess start(
            String name,
            Path repo,
            Path workDir,
            int concurrency,
            Map<String, String> functionEnvironment,
            Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(name, repo, workDir, concurrency, functionEnvironment, environment, false);
    }

    /** @param timed each function inside TimedHandler, printing its timing lines (see the class comment) */
    public static LocalCloudProcess start(
            String name,
            Path repo,
            Path workDir,
            int concurrency,
            Map<String, String> functionEnvironment,
            Map<String, String> environment,
            boolean timed)
            throws IOException, InterruptedException {
        int port = FreePorts.one();
        int dynamoDbPort = FreePorts.one();
        int lambdaPort = environment.containsKey("SHOP_LAMBDA_PORT")
                ? Integer.parseInt(environment.get("SHOP_LAMBDA_PORT"))
                : FreePorts.one();
        Path gateway = repo.resolve("local-cloud/gateway/target");
        Path dataDir = Files.createDirectories(workDir.resolve(name + "-data"));
        List<String> command = new ArrayList<>(List.of(
                JavaCommand.java(),
                "-cp",
                gateway.resolve("classes") + ":" + gateway.resolve("lib") + "/*",
                "serverlessshop.localcloud.LocalCloud",
                "--repo",
                repo.toString(),
                "--port",
                String.valueOf(port),
                "--dynamodb-port",
                String.valueOf(dynamoDbPort),
                "--data-dir",
                dataDir.toString(),
                "--in-memory",
                "--no-seed",
                "--concurrency",
                String.valueOf(concurrency)));
        functionEnvironment.forEach((key, value) -> {
            command.add("--function-env");
            command.add(key + "=" + value);
        });
        if (timed) {
            command.addAll(timing(new Layout(repo)));
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        // Known here, so that a function the harness starts by itself invokes the stack's Lambda API and
        // signs with the keys the stack gave that function.
        builder.environment().put("SHOP_LAMBDA_PORT", String.valueOf(lambdaPort));
        builder.environment().put(FunctionWiring.CREDENTIALS_SEED, CREDENTIALS_SEED);
        builder.environment().putAll(environment);
        LocalCloudProcess stack = new LocalCloudProcess(name, builder.start(), port, dynamoDbPort, lambdaPort);
        try {
            stack.awaitReady(workDir.resolve(name + "-stack.log"));
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The stack's options that run every function inside TimedHandler, with the timing jar. */
    static List<String> timing(Layout layout) throws IOException {
        List<String> options = new ArrayList<>(
                List.of("--function-jar", layout.functionTiming().toString()));
        for (String function : FUNCTIONS) {
            String handler =
                    FunctionImage.read(function, layout.dockerfile(function)).handler();
            options.addAll(List.of(
                    "--function-handler",
                    function + "=" + TIMED_HANDLER,
                    "--function-env",
                    HANDLER_VARIABLE + function.toUpperCase(Locale.ROOT) + "=" + handler));
        }
        return options;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        // A platform thread: a virtual one blocked reading the pipe holds its carrier, and with both
        // stacks' consoles that is every carrier of a 2-core machine, starving the Runtime API of a
        // function this harness runs itself (its handlers are virtual threads) once the stacks run.
        Thread.ofPlatform().daemon().name(name + "-console").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    out) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int timing = line.indexOf(TIMING);
                    if (timing >= 0) {
                        String function = line.substring(0, line.indexOf('|')).trim();
                        timings.computeIfAbsent(function, f -> Collections.synchronizedList(new ArrayList<>()))
                                .add(HandlerTime.parse(line));
                        continue; // thousands of them: kept, not logged
                    }
                    out.println(line);
                    if (line.contains("ready in")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // The stack is gone.
            }
            ready.completeExceptionally(
                    new IOException("the " + name + " stack exited before it was ready; see " + log));
        });
        try {
            ready.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the " + name + " stack was not ready within 180 s; see " + log);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The shoppers' issuer as its tokens name it (the gateway's public host is localhost). */
    public String issuerUrl() {
        return "http://localhost:" + port + LocalIssuer.PATH;
    }

    /** The shoppers' issuer's public keys (a JWK set, JSON), which the functions are given as in AWS (SHOP_JWT_JWKS). */
    public String issuerJwkSet() throws IOException, InterruptedException {
        return jwkSet(LocalIssuer.PATH);
    }

    /** The administrators' issuer as its tokens name it. */
    public String adminIssuerUrl() {
        return "http://localhost:" + port + LocalIssuer.ADMIN_PATH;
    }

    /** The administrators' issuer's public keys (SHOP_ADMIN_JWT_JWKS). */
    public String adminIssuerJwkSet() throws IOException, InterruptedException {
        return jwkSet(LocalIssuer.ADMIN_PATH);
    }

    private String jwkSet(String issuerPath) throws IOException, InterruptedException {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + issuerPath + "/jwks"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    public String dynamoDbEndpoint() {
        return "http://127.0.0.1:" + dynamoDbPort;
    }

    /**
     * The stack's own environment additions a function started beside it needs in its configuration:
     * the seed of the functions' local keys.
     */
    public Map<String, String> functionWiringEnvironment() {
        return Map.of(FunctionWiring.CREDENTIALS_SEED, CREDENTIALS_SEED);
    }

    /** The stack's Lambda API (Invoke), where orders reaches products. */
    public String lambdaEndpoint() {
        return "http://127.0.0.1:" + lambdaPort;
    }

    /** How many timing lines a function has printed so far. */
    int timingCount(String function) {
        return timings.getOrDefault(function, List.of()).size();
    }

    /** The timing lines from index {@code from} (inclusive), at most {@code count}. */
    List<HandlerTime> timings(String function, int from, int count) {
        List<HandlerTime> all = timings.getOrDefault(function, List.of());
        synchronized (all) {
            int end = Math.min(all.size(), from + count);
            return from >= end ? List.of() : List.copyOf(all.subList(from, end));
        }
    }

    /**
     * The function instances this stack runs: the JVMs whose command line has this in it (the handler's
     * class, or, timed, where the function's jars are).
     */
    public List<ProcessHandle> instances(String commandLinePart) {
        return process.toHandle()
                .descendants()
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains(commandLinePart))
                        .orElse(false))
                .toList();
    }

    @Override
    public void close() {
        ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(20));
    }
}
