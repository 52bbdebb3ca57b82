package serverlessshop.localcloud;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import serverlessshop.localcloud.auth.JwtAuthorizer;
import serverlessshop.localcloud.aws.AwsJsonApi;
import serverlessshop.localcloud.contract.ContractCheck;
import serverlessshop.localcloud.contract.ContractReport;
import serverlessshop.localcloud.dynamodb.DynamoDbLocal;
import serverlessshop.localcloud.dynamodb.DynamoDbTables;
import serverlessshop.localcloud.events.LocalEventBus;
import serverlessshop.localcloud.events.StreamEventSource;
import serverlessshop.localcloud.gateway.ExchangeObserver;
import serverlessshop.localcloud.gateway.FrontDoor;
import serverlessshop.localcloud.gateway.GatewayServer;
import serverlessshop.localcloud.gateway.HttpApi;
import serverlessshop.localcloud.gateway.Route;
import serverlessshop.localcloud.gateway.RouteTable;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.issuer.LocalUserPool;
import serverlessshop.localcloud.lambda.AotCache;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaApi;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;
import serverlessshop.localcloud.mail.SesInbox;
import serverlessshop.localcloud.s3.EventNotifications;
import serverlessshop.localcloud.s3.ImagesOrigin;
import serverlessshop.localcloud.s3.LocalS3;
import serverlessshop.localcloud.seed.CatalogSeeder;
import serverlessshop.localcloud.web.StaticSite;
import serverlessshop.localcloud.web.SwaggerUi;
import serverlessshop.orders.events.contract.OrderEventContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code make run}: the whole shop on one machine. Binds the gateway's port first (a taken port
 * fails at once, naming the variable that moves it), starts DynamoDB Local and creates the tables,
 * starts the images bucket's S3 server, serves the API, the issuer, Swagger UI, the images and the
 * site, seeds an empty catalog (its pictures after "ready"), prints where
 * everything is, and runs until Ctrl-C or SIGTERM, when it stops every process it started.
 * Functions start on their first request, like Lambda.
 */
public final class LocalCloud implements AutoCloseable {

    /** The image function's timeout: it bounds each attempt of an asynchronous invocation, as in Lambda. */
    private static final Duration IMAGES_FUNCTION_TIMEOUT = Duration.ofSeconds(60);

    /** The order events' functions' timeout. */
    private static final Duration EVENT_FUNCTIONS_TIMEOUT = Duration.ofSeconds(60);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    /** The image function: invoked by the bucket's notifications only, never by a route. */
    private volatile LambdaFunction imagesFunction;

    /** The order events' functions: invoked by the orders table's stream and by the bus, never by a route. */
    private volatile LambdaFunction orderEventsFunction;

    private volatile LambdaFunction orderMailsFunction;

    private LocalS3 s3;
    private SesInbox mailInbox;
    private Path discardedAtClose;
    private String gatewayUrl;
    private String apiEndpointUrl;
    private String lambdaEndpoint;
    private boolean closed;

    private LocalCloud() {}

    public static void main(String[] args) throws InterruptedException {
        LocalCloud stack;
        try {
            stack = start(LocalCloudOptions.parse(args, System.getenv()));
        } catch (PortInUse | IllegalArgumentException e) {
            System.err.println("make run: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("make run: the local cloud could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-cloud-shutdown"));
        stack.stopped.await();
    }

    public static LocalCloud start(LocalCloudOptions options) throws Exception {
        long begin = System.nanoTime();
        RepositoryLayout layout = new RepositoryLayout(options.repo());
        if (!layout.missing().isEmpty()) {
            throw new IOException("not built yet: " + String.join(", ", layout.missing())
                    + ". Build first: make build (make run does it by itself).");
        }
        GatewayServer server = bindGateway(options.port());
        LocalCloud stack = new LocalCloud();
        stack.started.add(server);
        try {
            GatewayServer apiEndpoint = bindApiEndpoint(options.apiPort());
            stack.started.add(apiEndpoint);
            stack.run(options, layout, server, apiEndpoint, begin);
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private void run(
            LocalCloudOptions options,
            RepositoryLayout layout,
            GatewayServer server,
            GatewayServer apiEndpoint,
            long begin)
            throws Exception {
        int port = server.port();
        gatewayUrl = "http://localhost:" + port;
        int dynamoDbPort = reserve(options.dynamoDbPort(), "DynamoDB Local", "SHOP_DYNAMODB_PORT");
        int s3Port = reserve(options.s3Port(), "the images bucket's S3 server", "SHOP_S3_PORT", dynamoDbPort);
        DynamoDbLocal dynamoDb = DynamoDbLocal.start(
                layout.dynamoDbHome(),
                dynamoDbPort,
                options.inMemory() ? null : options.dataDir().resolve("dynamodb"),
                options.dataDir());
        started.add(dynamoDb);

        RouteTable routes = RouteTable.load(layout.routesJson());
        LocalIssuer issuer = new LocalIssuer("localhost:" + port);
        // A free port unless SHOP_LAMBDA_PORT names one (a harness that puts a proxy in front of it).
        LambdaApi lambdaApi = LambdaApi.start(
                Integer.parseInt(options.environment().getOrDefault("SHOP_LAMBDA_PORT", "0")),
                FunctionWiring::roleOfKey,
                FunctionWiring::invokersOf);
        started.add(lambdaApi);
        startImagesBucket(options, s3Port);
        // EventBridge's PutEvents and Cognito's AdminGetUser, checked with the functions' keys as Lambda's is.
        AwsJsonApi awsJsonApi = AwsJsonApi.start(
                Integer.parseInt(options.environment().getOrDefault("SHOP_EVENTS_PORT", "0")),
                FunctionWiring::roleOfKey);
        started.add(awsJsonApi);
        awsJsonApi.add("AWSCognitoIdentityProviderService.AdminGetUser", LocalUserPool.adminGetUserOperation());
        startMailInbox(options);
        FunctionWiring.Endpoints endpoints = new FunctionWiring.Endpoints(
                gatewayUrl,
                issuer.issuerUrl(),
                issuer.jwkSet(),
                issuer.adminIssuerUrl(),
                issuer.adminJwkSet(),
                dynamoDb.endpoint(),
                lambdaApi.endpoint(),
                s3.endpoint(),
                awsJsonApi.endpoint(),
                mailInbox == null ? null : mailInbox.endpoint());
        for (String name : functionNames(routes)) {
            LambdaFunction function = function(name, name, null, options, layout, endpoints);
            if (function != null) {
                functions.put(name, function);
                lambdaApi.add(function);
                started.add(function);
            }
        }
        // The products image with the image handler: its AOT cache is products', made below.
        imagesFunction = function(
                FunctionWiring.IMAGES_FUNCTION, "products", FunctionWiring.IMAGES_HANDLER, options, layout, endpoints);
        if (imagesFunction != null) {
            started.add(imagesFunction);
        }
        // The orders image with the event handlers: its AOT cache is orders', made below.
        orderEventsFunction = function(
                FunctionWiring.ORDER_EVENTS_FUNCTION,
                "orders",
                FunctionWiring.ORDER_EVENTS_HANDLER,
                options,
                layout,
                endpoints);
        orderMailsFunction = function(
                FunctionWiring.ORDER_MAILS_FUNCTION,
                "orders",
                FunctionWiring.ORDER_MAILS_HANDLER,
                options,
                layout,
                endpoints);
        for (LambdaFunction eventFunction : new LambdaFunction[] {orderEventsFunction, orderMailsFunction}) {
            if (eventFunction != null) {
                started.add(eventFunction);
            }
        }
        this.lambdaEndpoint = lambdaApi.endpoint();
        makeAotCaches(layout);
        JwtAuthorizer authorizer = new JwtAuthorizer(issuer.issuerUrl(), LocalIssuer.AUDIENCES, Clock.systemUTC());
        // The administrators' API: the same routes and functions, its authorizer the administrators' pool.
        JwtAuthorizer adminAuthorizer =
                new JwtAuthorizer(issuer.adminIssuerUrl(), LocalIssuer.ADMIN_AUDIENCES, Clock.systemUTC());
        // The administrators' page POSTs an image's upload to the bucket's endpoint.
        StaticSite site = new StaticSite(layout.siteDist(), List.of(s3.endpoint()));
        HttpApi api = new HttpApi(authorizer, functions, port);
        server.serve(new FrontDoor(
                routes,
                api,
                new HttpApi(adminAuthorizer, functions, port),
                issuer,
                new SwaggerUi(layout.contracts()),
                site,
                contractReport(options, layout, routes),
                new FrontDoor.Origin(
                        FunctionWiring.ORIGIN_HEADER,
                        FunctionWiring.originValues(options).getFirst()),
                new ImagesOrigin(s3.store(), s3.bucket()))::answer);
        Console.gateway("listening on " + gatewayUrl + " (127.0.0.1:" + port + ")");
        // The API's own endpoint: its answers (the functions' 403s) are not the contracts' business.
        apiEndpoint.serve(FrontDoor.apiEndpoint(routes, api, ExchangeObserver.NONE)::answer);
        apiEndpointUrl = "http://localhost:" + apiEndpoint.port();

        dynamoDb.awaitReady(Duration.ofSeconds(60));
        DynamoDbTables tables = new DynamoDbTables(dynamoDb.endpoint());
        for (Map.Entry<String, Path> table :
                FunctionWiring.tables(options.repo()).entrySet()) {
            if (Files.exists(table.getValue())) {
                boolean created = tables.ensure(table.getValue());
                Console.line(
                        "dynamodb",
                        "table " + table.getKey() + (created ? " created from " : " exists; defined in ")
                                + options.repo().relativize(table.getValue()));
                if (!created && tables.ensureStream(table.getValue())) {
                    Console.line(
                            "dynamodb", "table " + table.getKey() + ": its stream added, as its definition has it");
                }
            } else {
                Console.line(
                        "dynamodb",
                        "no table " + table.getKey() + " yet: " + options.repo().relativize(table.getValue())
                                + " does not exist");
            }
        }

        startEventPath(options, awsJsonApi, dynamoDb);

        CatalogSeeder seeder = null;
        CatalogSeeder.Seeding seeding = null;
        if (options.seed() && functions.containsKey("products")) {
            IssuerClient login = IssuerClient.administrators(URI.create(gatewayUrl));
            try {
                seeder = new CatalogSeeder(URI.create(gatewayUrl), () -> login.signIn("admin"));
                seeding = seeder.seedIfEmpty();
                Console.gateway(
                        seeding.created() == 0
                                ? "catalog has products: not seeded"
                                : "seeded the empty catalog with " + seeding.created()
                                        + " demo products in their categories (--no-seed turns this off)");
            } catch (Exception e) {
                Console.gateway("could not seed the demo catalog: " + e.getMessage());
            }
        }

        StartupSummary.lines(new StartupSummary.Facts(
                        gatewayUrl,
                        issuer.issuerUrl(),
                        issuer.adminIssuerUrl(),
                        routes.routes().size(),
                        List.copyOf(functions.keySet()),
                        dynamoDb.endpoint(),
                        options,
                        FunctionWiring.productsDatabase(options),
                        site.isBuilt(),
                        options.repo(),
                        apiEndpointUrl,
                        s3.endpoint(),
                        s3.bucket(),
                        imagesFunction == null ? null : imagesFunction.name(),
                        mailInbox == null ? null : mailInbox.inboxUrl(),
                        options.mailPort(),
                        orderEventsFunction != null && orderMailsFunction != null))
                .forEach(Console::plain);
        Console.plain(
                String.format("  ready in %.1f s   (Ctrl-C stops everything)%n", (System.nanoTime() - begin) / 1e9));
        if (seeding != null && seeding.created() > 0) {
            uploadDemoImages(seeder, seeding);
        }
    }

    /**
     * The demo products' pictures, after "ready": each upload is an API call, a form POST and a run of
     * the image function (a cold start first), which the shop need not wait for.
     */
    private static void uploadDemoImages(CatalogSeeder seeder, CatalogSeeder.Seeding seeding) {
        Thread.ofVirtual().name("demo-images").start(() -> {
            try {
                int uploaded = seeder.uploadImages(seeding);
                Console.gateway("uploaded " + uploaded + " demo product images; " + FunctionWiring.IMAGES_FUNCTION
                        + " makes their sizes");
            } catch (Exception e) {
                Console.gateway("could not upload the demo product images: " + e.getMessage());
            }
        });
    }

    /**
     * The images bucket's S3 server, its objects in .data/s3 (or in memory), its notifications invoking
     * the image function for each upload, and the site's origins allowed to POST there.
     */
    private void startImagesBucket(LocalCloudOptions options, int port) throws Exception {
        EventNotifications notifications = new EventNotifications(
                FunctionWiring.UPLOADS_PREFIX,
                FunctionWiring.IMAGES_FUNCTION,
                this::invokeImagesFunction,
                EventNotifications.LAMBDA_RETRY_DELAYS,
                LambdaFunction.REGION);
        started.add(notifications);
        int gatewayPort = URI.create(gatewayUrl).getPort();
        s3 = LocalS3.start(
                port,
                options.inMemory() ? null : options.dataDir().resolve("s3"),
                FunctionWiring.IMAGES_BUCKET,
                List.of(
                        "http://localhost:" + gatewayPort,
                        "http://127.0.0.1:" + gatewayPort,
                        // The site's Vite dev server, as the gateway's own CORS allows it.
                        "http://localhost:5173"),
                FunctionWiring::imagesBucketSecret,
                notifications);
        started.add(s3);
        if (options.inMemory()) {
            discardedAtClose = FunctionWiring.inMemoryData();
        }
    }

    /** The SES v2 emulator, when npm ci installed it: every mail the functions send lands there. */
    private void startMailInbox(LocalCloudOptions options) throws IOException {
        if (!SesInbox.installed(options.repo())) {
            Console.line("mail", "aws-ses-v2-local is not installed (npm ci): the order mails fail");
            return;
        }
        mailInbox = SesInbox.start(options.repo(), options.mailPort());
        started.add(mailInbox);
    }

    /**
     * The order events' path: the orders table's stream read for order-events (Lambda's event source
     * mapping), the bus it publishes on (its events archived, held to the contract), and the bus's rule
     * that sends some of them to order-mails, as Terraform wires them in AWS.
     */
    private void startEventPath(LocalCloudOptions options, AwsJsonApi awsJsonApi, DynamoDbLocal dynamoDb)
            throws Exception {
        // Logs of what happened, kept even --in-memory, as the contract report is.
        Path events = options.dataDir().resolve("events");
        LocalEventBus bus = new LocalEventBus(
                FunctionWiring.ORDER_EVENTS_BUS,
                LambdaFunction.REGION,
                OrderEventContract.load(),
                events.resolve("archive.jsonl"),
                events.resolve("dead-letters"),
                LocalEventBus.RETRY_DELAYS);
        started.add(bus);
        bus.addRule(
                FunctionWiring.ORDER_MAILS_FUNCTION,
                Files.readString(FunctionWiring.orderMailsPattern(options.repo())),
                event -> invoke(orderMailsFunction, FunctionWiring.ORDER_MAILS_FUNCTION, event));
        awsJsonApi.add("AWSEvents.PutEvents", bus.putEventsOperation());
        if (mailInbox != null) {
            mailInbox.awaitReady(Duration.ofSeconds(30));
        }
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint()))
                .region(Region.of(LambdaFunction.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        started.add(new StreamEventSource(
                        streams,
                        FunctionWiring.ordersTable(options.repo()),
                        FunctionWiring.ORDER_EVENTS_FUNCTION,
                        event -> invoke(orderEventsFunction, FunctionWiring.ORDER_EVENTS_FUNCTION, event),
                        new StreamEventSource.StateFiles(
                                events.resolve("order-events.checkpoint.json"),
                                events.resolve("dead-letters/order-events.jsonl")),
                        StreamEventSource.RETRY_DELAYS)
                .start(StreamEventSource.POLL_INTERVAL));
    }

    /** One invocation of an event function, bounded by the event functions' timeout. */
    private static byte[] invoke(LambdaFunction function, String name, byte[] event) throws Exception {
        if (function == null) {
            throw new IOException(name + " is not built (make build)");
        }
        return function.invoke(event, java.time.Instant.now().plus(EVENT_FUNCTIONS_TIMEOUT));
    }

    /** An asynchronous invocation's attempt: the image function's timeout bounds it, as in Lambda. */
    private void invokeImagesFunction(byte[] event) throws Exception {
        LambdaFunction function = imagesFunction;
        if (function == null) {
            throw new IOException(FunctionWiring.IMAGES_FUNCTION + " is not built (make build)");
        }
        function.invoke(event, java.time.Instant.now().plus(IMAGES_FUNCTION_TIMEOUT));
    }

    /**
     * Each function's AOT cache, made (in parallel) when missing or stale, as the image build makes it:
     * a function must not take its first request before its cache exists.
     */
    private void makeAotCaches(RepositoryLayout layout) throws InterruptedException {
        List<Thread> training = new ArrayList<>();
        for (LambdaFunction function : functions.values()) {
            training.add(Thread.ofVirtual().start(() -> {
                try {
                    // Trained as the image build trains it, without the origin guard, which would answer
                    // every training event 403 before the code paths worth caching run.
                    Map<String, String> environment = new LinkedHashMap<>(function.environment());
                    environment.remove(FunctionWiring.ORIGIN_VALUES);
                    AotCache.ensure(function.image(), environment, layout.runtimeLib());
                } catch (IOException e) {
                    Console.line(function.name(), "could not make its AOT cache: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : training) {
            thread.join();
        }
    }

    /** With --contract-report, every API exchange held to the contracts; else none. */
    private ExchangeObserver contractReport(LocalCloudOptions options, RepositoryLayout layout, RouteTable routes)
            throws IOException {
        if (options.contractReport() == null) {
            return ExchangeObserver.NONE;
        }
        ContractReport report =
                ContractReport.open(ContractCheck.load(layout.contracts()), routes, options.contractReport());
        started.add(report);
        Console.gateway("holding every API exchange to the contracts: " + options.contractReport());
        return report;
    }

    private static Set<String> functionNames(RouteTable routes) {
        Set<String> names = new LinkedHashSet<>();
        routes.routes().stream().map(Route::function).forEach(names::add);
        return names;
    }

    /**
     * A function from its image: {@code imageOf}'s Dockerfile, with its CMD, or {@code handler} when
     * given (Terraform's image_config.command), or the one --function-handler gives.
     */
    private static LambdaFunction function(
            String name,
            String imageOf,
            String handler,
            LocalCloudOptions options,
            RepositoryLayout layout,
            FunctionWiring.Endpoints endpoints)
            throws IOException {
        Path dockerfile = layout.dockerfile(imageOf);
        if (!Files.exists(dockerfile)) {
            Console.gateway(
                    name + ": no " + options.repo().relativize(dockerfile) + " yet (make build): " + consequence(name));
            return null;
        }
        FunctionImage built = FunctionImage.read(name, dockerfile);
        String command = options.functionHandlers().getOrDefault(name, handler);
        FunctionImage image = command == null ? built : built.withHandler(name, command);
        if (!image.isBuilt()) {
            Console.gateway(name + ": " + options.repo().relativize(image.taskRoot()) + " is not built (lib/, bin/): "
                    + consequence(name) + " (make build)");
            return null;
        }
        Map<String, String> environment = LambdaEnvironment.of(
                image, FunctionWiring.configuration(name, options, endpoints), layout.runtimeLib());
        return new LambdaFunction(
                image, environment, layout.runtimeLib(), options.concurrency(), options.functionJars());
    }

    private static String consequence(String function) {
        return function.equals(FunctionWiring.IMAGES_FUNCTION)
                ? "the uploaded images are not processed"
                : "its routes answer 500";
    }

    private static GatewayServer bindGateway(int port) throws IOException {
        try {
            return GatewayServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new PortInUse("the gateway: site, API, issuer and docs", port, "SHOP_PORT");
        }
    }

    private static GatewayServer bindApiEndpoint(int port) throws IOException {
        try {
            return GatewayServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new PortInUse("the API's own endpoint", port, "SHOP_API_PORT");
        }
    }

    /** Checks that the port is free now (or picks a free one for 0), so a clash fails before anything starts. */
    private static int reserve(int port, String what, String variable) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (BindException e) {
            throw new PortInUse(what, port, variable);
        }
    }

    /**
     * As {@link #reserve(int, String, String)}, never one of the ports reserved before it: a port just
     * probed and let go is free again until its server binds it, and the kernel may hand it out next.
     */
    private static int reserve(int port, String what, String variable, int reservedBefore) throws IOException {
        int chosen = reserve(port, what, variable);
        while (port == 0 && chosen == reservedBefore) {
            chosen = reserve(port, what, variable);
        }
        return chosen;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Nothing was made there (no function opened the database), or it is gone already.
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** The API's own endpoint (as execute-api), where requests lack CloudFront's origin header. */
    public String apiEndpointUrl() {
        return apiEndpointUrl;
    }

    /** The local Lambda API (Invoke), where the functions' SDKs call other functions. */
    public String lambdaEndpoint() {
        return lambdaEndpoint;
    }

    public Map<String, LambdaFunction> functions() {
        return Map.copyOf(functions);
    }

    /** The SES v2 emulator (null: not installed). */
    public SesInbox mailInbox() {
        return mailInbox;
    }

    /** The images bucket's S3 server. */
    public LocalS3 s3() {
        return s3;
    }

    /** Stops everything it started, newest first, each process with its whole tree. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Console.gateway("stopping...");
        List<Thread> stopping = new ArrayList<>();
        for (AutoCloseable component : started.reversed()) {
            stopping.add(Thread.ofVirtual().start(() -> {
                try {
                    component.close();
                } catch (Exception e) {
                    Console.gateway("while stopping: " + e);
                }
            }));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (discardedAtClose != null) {
            deleteTree(discardedAtClose);
        }
        Console.gateway("stopped");
        stopped.countDown();
    }
}
