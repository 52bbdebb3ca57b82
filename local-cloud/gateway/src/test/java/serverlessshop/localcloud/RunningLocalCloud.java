package serverlessshop.localcloud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.support.testing.ContractReportFile;

/**
 * The whole stack, started the way {@code make run} starts it (the same main class and class path,
 * in its own JVM), on free ports, in memory, with its data folder in a temporary directory: for
 * test classes that talk to it over HTTP as clients do. Its output goes to the test's output,
 * prefixed {@code [stack]}. It holds every API exchange to the contracts ({@code --contract-report},
 * one report per suite under target/contract-reports/, which scripts/test-summary adds up).
 * {@link #stop()} ends it and every process it started, and fails if any exchange broke the contracts.
 */
public final class RunningLocalCloud implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String base;
    private final String apiEndpoint;
    private final IssuerClient issuer;
    private final IssuerClient adminIssuer;
    private final Path data;
    private final ContractReportFile contractReport;
    private final LocalAws localAws;

    /**
     * Where the stack's local AWS services are: its event bus and user pool (AWS JSON API), its SES v2
     * emulator, and the seed its functions' keys are derived from (FunctionWiring's).
     */
    public record LocalAws(String awsJsonEndpoint, String mailInbox, String credentialsSeed) {}

    private RunningLocalCloud(
            Process process,
            String base,
            String apiEndpoint,
            Path data,
            ContractReportFile contractReport,
            LocalAws localAws) {
        this.process = process;
        this.localAws = localAws;
        this.base = base;
        this.apiEndpoint = apiEndpoint;
        this.data = data;
        this.contractReport = contractReport;
        this.issuer = IssuerClient.shoppers(URI.create(base));
        this.adminIssuer = IssuerClient.administrators(URI.create(base));
    }

    /**
     * Starts a stack and waits until it says it is ready: at most six minutes, since the first stack
     * after a build makes the functions' AOT caches first (AotCache allows that five minutes).
     *
     * @param extraArguments more of the stack's arguments ({@code --function-env NAME=VALUE} ...)
     */
    public static RunningLocalCloud start(String... extraArguments) throws Exception {
        // The suite that starts the stack names its report.
        return start(
                StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .getCallerClass()
                        .getSimpleName(),
                List.of(extraArguments));
    }

    /**
     * A stack whose functions get these variables ({@code NAME=VALUE}) over the suites' own, e.g. a
     * limit that the other suites turn off.
     */
    public static RunningLocalCloud startWith(String... functionEnv) throws Exception {
        return start(
                StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .getCallerClass()
                        .getSimpleName(),
                Arrays.stream(functionEnv)
                        .flatMap(pair -> Stream.of("--function-env", pair))
                        .toList());
    }

    private static RunningLocalCloud start(String suite, List<String> extraArguments) throws Exception {
        ContractReportFile contractReport = new ContractReportFile(Repository.root()
                .resolve("local-cloud/gateway/target/contract-reports")
                .resolve(suite + ".jsonl"));
        int port = freePort();
        int apiPort = freePort();
        int mailPort = freePort();
        int eventsPort = freePort();
        String seed = java.util.UUID.randomUUID().toString();
        Path data = Files.createTempDirectory("serverless-shop-stack");
        Path gateway = Repository.root().resolve("local-cloud/gateway/target");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                gateway.resolve("classes") + ":" + gateway.resolve("lib") + "/*",
                "serverlessshop.localcloud.LocalCloud",
                "--repo",
                Repository.root().toString(),
                "--port",
                String.valueOf(port),
                "--dynamodb-port",
                String.valueOf(freePort()),
                "--data-dir",
                data.toString(),
                "--in-memory",
                "--no-seed",
                // The suites place orders as one customer many times a minute: the rate limit and the open
                // units are not what they test.
                "--function-env",
                "ORDERS_CREATE_RATE_LIMIT=1000000",
                "--function-env",
                "ORDERS_MAX_OPEN_UNITS_PER_PRODUCT=0",
                "--contract-report",
                contractReport.file().toString(),
                "--api-port",
                String.valueOf(apiPort),
                "--s3-port",
                String.valueOf(freePort()),
                "--mail-port",
                String.valueOf(mailPort)));
        // Given later, an argument wins over the one above.
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHOP_EVENTS_PORT", String.valueOf(eventsPort));
        builder.environment().put("SHOP_LOCAL_CREDENTIALS_SEED", seed);
        Process process = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[stack] " + line);
                    if (line.contains("ready in")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // The stack is gone.
            }
            ready.completeExceptionally(new IllegalStateException("the stack exited before it was ready"));
        });
        RunningLocalCloud stack = new RunningLocalCloud(
                process,
                "http://localhost:" + port,
                "http://localhost:" + apiPort,
                data,
                contractReport,
                new LocalAws("http://127.0.0.1:" + eventsPort, "http://127.0.0.1:" + mailPort, seed));
        try {
            ready.get(6, TimeUnit.MINUTES);
        } catch (Exception e) {
            stack.end();
            throw e;
        }
        return stack;
    }

    /** http://localhost:PORT */
    public String base() {
        return base;
    }

    /** http://localhost:PORT of the API's own endpoint (as execute-api): no origin header is added there. */
    public String apiEndpoint() {
        return apiEndpoint;
    }

    /** The shoppers' issuer: customers' tokens, for the API without a prefix. */
    public IssuerClient issuer() {
        return issuer;
    }

    /** The administrators' issuer: administrators' tokens, for the API under /admin. */
    public IssuerClient adminIssuer() {
        return adminIssuer;
    }

    /** The stack's data folder (its events under events/). */
    public Path data() {
        return data;
    }

    public LocalAws localAws() {
        return localAws;
    }

    public Process process() {
        return process;
    }

    /** The function instances (JVMs under the Runtime Interface Client) running now. */
    public List<ProcessHandle> functionProcesses() {
        return process.toHandle()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("AWSLambda"))
                .toList();
    }

    /** A request as a client sends it: a bearer token if given, a JSON body if given, then any headers. */
    public HttpResponse<String> send(String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What the gateway found of every API exchange so far. */
    public ContractReportFile contractReport() {
        return contractReport;
    }

    /**
     * Ends the stack and every process it started (its function instances, DynamoDB Local), forcibly;
     * then fails, listing them, if any exchange broke the contracts.
     */
    public void stop() {
        end();
        contractReport.assertNoViolations();
    }

    private void end() {
        if (process.isAlive()) {
            List<ProcessHandle> children =
                    new ArrayList<>(process.toHandle().descendants().toList());
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        deleteQuietly(data);
    }

    @Override
    public void close() {
        stop();
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
