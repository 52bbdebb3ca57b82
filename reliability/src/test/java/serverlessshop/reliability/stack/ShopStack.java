package serverlessshop.reliability.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.bench.LocalCloudProcess;
import serverlessshop.localcloud.FunctionWiring;
import serverlessshop.localcloud.LocalCloudOptions;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.support.testing.ContractReportFile;

/**
 * The whole local cloud in its own process, started as make run starts it (LocalCloudProcess of make
 * bench), with products on a MariaDB database of the suite's own, plus what the suites do to it from
 * outside: tokens from its issuers, its function instances (to kill them), and the scheduled functions
 * AWS would invoke (the reservation sweep, the pending stock releases). Its gateway holds every API
 * exchange to the contracts (reliability/target/contract-reports/NAME.jsonl), and closing the stack
 * fails if any broke them: an answer under faults must still be one the contracts declare.
 */
public final class ShopStack implements AutoCloseable {

    public static final String PRODUCTS_HANDLER = "serverlessshop.products.lambda.StreamLambdaHandler";
    public static final String ORDERS_HANDLER = "serverlessshop.orders.lambda.StreamLambdaHandler";

    private final LocalCloudProcess process;
    private final Map<String, String> productsDatabase;
    private final Path workDir;
    private final String name;
    private final ContractReportFile contractReport;

    private ShopStack(
            String name,
            LocalCloudProcess process,
            Map<String, String> productsDatabase,
            Path workDir,
            ContractReportFile contractReport) {
        this.name = name;
        this.contractReport = contractReport;
        this.process = process;
        this.productsDatabase = productsDatabase;
        this.workDir = workDir;
    }

    /**
     * @param productsDatabase    PRODUCTS_DB_URL, PRODUCTS_DB_USER, PRODUCTS_DB_PASSWORD
     * @param functionEnvironment --function-env variables (over FunctionWiring's)
     */
    public static ShopStack start(
            String name,
            Path workDir,
            int concurrency,
            Map<String, String> productsDatabase,
            Map<String, String> functionEnvironment)
            throws Exception {
        return start(name, workDir, concurrency, productsDatabase, functionEnvironment, Map.of());
    }

    /** @param stackEnvironment the stack's own variables besides the database's (SHOP_LAMBDA_PORT, ...) */
    public static ShopStack start(
            String name,
            Path workDir,
            int concurrency,
            Map<String, String> productsDatabase,
            Map<String, String> functionEnvironment,
            Map<String, String> stackEnvironment)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        // The suites place many orders as a few customers: the per-customer rate limit and open units are
        // counted as in production, but set where they never refuse, so that every refusal comes from what
        // a suite tests.
        environment.put("ORDERS_CREATE_RATE_LIMIT", "1000000");
        environment.put("ORDERS_MAX_OPEN_UNITS_PER_PRODUCT", "0");
        environment.putAll(functionEnvironment);
        ContractReportFile contractReport = new ContractReportFile(
                Suite.repo().resolve("reliability/target/contract-reports").resolve(name + ".jsonl"));
        Map<String, String> stack = new LinkedHashMap<>(productsDatabase);
        stack.putAll(stackEnvironment);
        stack.put("SHOP_CONTRACT_REPORT", contractReport.file().toString());
        return new ShopStack(
                name,
                LocalCloudProcess.start(name, Suite.repo(), workDir, concurrency, environment, stack),
                productsDatabase,
                workDir,
                contractReport);
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    /** The administrators' API: the same routes under /admin, for administrators' tokens only. */
    public String adminBaseUrl() {
        return process.baseUrl() + "/admin";
    }

    public String dynamoDbEndpoint() {
        return process.dynamoDbEndpoint();
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Every event the stack's local EventBridge bus accepted, one JSON line each (the local cloud's
     * archive, in its data folder).
     */
    public Path eventArchive() {
        return workDir.resolve(name + "-data").resolve("events").resolve("archive.jsonl");
    }

    /** The stack's console: the gateway's lines and every function's log, as LocalCloudProcess writes it. */
    public Path log() {
        return workDir.resolve(name + "-stack.log");
    }

    /** A customer's access token of this stack's shoppers' issuer, as the site gets one: "Bearer ...". */
    public String token(String user) throws Exception {
        return "Bearer " + IssuerClient.shoppers(URI.create(process.baseUrl())).signIn(user);
    }

    /** An administrator's access token of this stack's administrators' issuer, for {@link #adminBaseUrl()}. */
    public String adminToken(String user) throws Exception {
        return "Bearer "
                + IssuerClient.administrators(URI.create(process.baseUrl())).signIn(user);
    }

    /** The running instances (JVMs) of a function: descendants of the stack's process. */
    public List<ProcessHandle> instances(String handlerClass) {
        return process.instances(handlerClass).stream()
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** The products sweep function, as the EventBridge schedule invokes it every minute in AWS. */
    public String sweepReservations() throws Exception {
        return OneShotFunction.invoke(
                Suite.repo(),
                "products",
                "products-sweep",
                "serverlessshop.products.lambda.SweepHandler::handleRequest",
                configuration("products"));
    }

    /** The orders pending-releases function, as its EventBridge schedule invokes it in AWS. */
    public String releasePendingStock() throws Exception {
        return OneShotFunction.invoke(
                Suite.repo(),
                "orders",
                "orders-pending-releases",
                "serverlessshop.orders.lambda.PendingReleasesHandler::handleRequest",
                configuration("orders"));
    }

    /** What the stack configures a function with, pointed straight at the stack (no fault proxy). */
    private Map<String, String> configuration(String function) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>(productsDatabase);
        environment.putAll(process.functionWiringEnvironment());
        LocalCloudOptions options = new LocalCloudOptions(Suite.repo(), 0, 0, workDir, true, false, environment);
        Map<String, String> configuration = new LinkedHashMap<>(FunctionWiring.configuration(
                function,
                options,
                new FunctionWiring.Endpoints(
                        process.baseUrl(),
                        process.issuerUrl(),
                        process.issuerJwkSet(),
                        process.adminIssuerUrl(),
                        process.adminIssuerJwkSet(),
                        process.dynamoDbEndpoint(),
                        process.lambdaEndpoint(),
                        // No image store, bus or mail server: the scheduled jobs run here never upload
                        // images, publish events or send mails.
                        null,
                        null,
                        null)));
        configuration.put("SHOP_RESERVATIONS_SWEEP_ENABLED", "false");
        return configuration;
    }

    /** Stops the stack and everything it started; then fails, listing them, if any exchange broke the contracts. */
    @Override
    public void close() {
        process.close();
        contractReport.assertNoViolations();
    }
}
