package serverlessshop.localcloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the stack: from the command line ({@code make run ARGS="..."}) over the environment
 * ({@code SHOP_PORT=9090 make run}) over the defaults.
 *
 * @param repo         the repository root (the current directory for make run)
 * @param port         the gateway's port, SHOP_PORT / --port, default 8080; 0 picks a free one
 * @param dynamoDbPort DynamoDB Local's port, SHOP_DYNAMODB_PORT / --dynamodb-port, default 8000; 0 picks one
 * @param dataDir      where data is kept, SHOP_DATA_DIR / --data-dir, default .data
 * @param inMemory     --in-memory: keep nothing (DynamoDB Local in memory, the products H2 database too)
 * @param seed         false with --no-seed: do not fill an empty catalog with the demo products
 * @param environment  the environment the stack was started with (PRODUCTS_DB_URL etc.)
 * @param concurrency  the most instances of each function that run at once, SHOP_FUNCTION_CONCURRENCY /
 *                     --concurrency, default 1 (Lambda would scale out; one instance keeps a laptop quiet)
 * @param functionEnvironment --function-env NAME=VALUE (repeatable): variables added to every function's
 *                     configuration, over the image's ENV, as a Terraform environment block would
 * @param contractReport SHOP_CONTRACT_REPORT / --contract-report FILE: hold every exchange on an API path to
 *                     the contracts and write one JSON line per exchange to FILE; null (the default): no check
 * @param functionHandlers --function-handler NAME=HANDLER (repeatable): function NAME runs HANDLER instead of
 *                     its image's CMD, as Lambda's image_config.command override does
 * @param functionJars --function-jar JAR (repeatable): added to every function's class path after its own
 *                     jars and the runtime's; what is already on it comes first, so its AOT cache still loads
 * @param apiPort      the port of the API's own endpoint (as execute-api, beside CloudFront), SHOP_API_PORT /
 *                     --api-port, default 0: a free one, shown at start
 * @param s3Port       the images bucket's S3 server, SHOP_S3_PORT / --s3-port, default 0: a free one, shown at
 *                     start (the browser learns it from the presigned POSTs, the site's CSP from the stack)
 * @param mailPort     the SES v2 emulator (the mail inbox), SHOP_MAIL_PORT / --mail-port, default 8005; a free
 *                     one when that is taken (shown at start)
 */
public record LocalCloudOptions(
        Path repo,
        int port,
        int dynamoDbPort,
        Path dataDir,
        boolean inMemory,
        boolean seed,
        Map<String, String> environment,
        int concurrency,
        Map<String, String> functionEnvironment,
        Path contractReport,
        Map<String, String> functionHandlers,
        List<Path> functionJars,
        int apiPort,
        int s3Port,
        int mailPort) {

    public static final String USAGE = """
            usage: LocalCloud [--port N] [--dynamodb-port N] [--data-dir DIR] [--in-memory] [--no-seed] [--repo DIR]
                              [--concurrency N] [--function-env NAME=VALUE]... [--contract-report FILE]
                              [--function-handler NAME=HANDLER]... [--function-jar JAR]... [--api-port N]
                              [--s3-port N] [--mail-port N]
              --port N           the gateway's port (site, API, issuer, docs); env SHOP_PORT; default 8080
              --dynamodb-port N  DynamoDB Local's port; env SHOP_DYNAMODB_PORT; default 8000
              --data-dir DIR     where data is kept; env SHOP_DATA_DIR; default .data
              --in-memory        keep no data: DynamoDB Local and the products database in memory
              --no-seed          do not fill an empty catalog with the demo products
              --repo DIR         the repository root; default the current directory
              --concurrency N    the most instances of each function at once; env SHOP_FUNCTION_CONCURRENCY; default 1
              --function-env NAME=VALUE  a variable for every function, over its image's ENV (repeatable)
              --contract-report FILE  check every API exchange against api-spec/ and write one JSON line
                                 per exchange to FILE (replaced); env SHOP_CONTRACT_REPORT; default off
              --function-handler NAME=HANDLER  run function NAME with HANDLER instead of its image's CMD (repeatable)
              --function-jar JAR  add JAR to every function's class path, after its own (repeatable; make bench)
              --api-port N       the API's own endpoint (as execute-api: requests there lack CloudFront's
                                 origin header, and the functions refuse them); env SHOP_API_PORT; default 0, a free one
              --s3-port N        the images bucket's S3 server (the browser uploads there); env SHOP_S3_PORT;
                                 default 0, a free one
              --mail-port N      the SES v2 emulator, the inbox of every mail the shop sends; env SHOP_MAIL_PORT;
                                 default 8005 (a free one when it is taken)
            A real MySQL/MariaDB for products: set PRODUCTS_DB_URL (and PRODUCTS_DB_USER, PRODUCTS_DB_PASSWORD).""";

    public LocalCloudOptions {
        environment = Map.copyOf(environment);
        functionEnvironment = Map.copyOf(functionEnvironment);
        functionHandlers = Map.copyOf(functionHandlers);
        functionJars = List.copyOf(functionJars);
        if (concurrency < 1) {
            throw new IllegalArgumentException("the concurrency must be 1 or more, not " + concurrency);
        }
    }

    /** One instance per function and no extra variables: what `make run` does by default. */
    public LocalCloudOptions(
            Path repo,
            int port,
            int dynamoDbPort,
            Path dataDir,
            boolean inMemory,
            boolean seed,
            Map<String, String> environment) {
        this(
                repo,
                port,
                dynamoDbPort,
                dataDir,
                inMemory,
                seed,
                environment,
                1,
                Map.of(),
                null,
                Map.of(),
                List.of(),
                0,
                0,
                0);
    }

    public static LocalCloudOptions parse(String[] args, Map<String, String> environment) {
        Path repo = Path.of("").toAbsolutePath();
        int port = number(environment.getOrDefault("SHOP_PORT", "8080"), "SHOP_PORT");
        int dynamoDbPort = number(environment.getOrDefault("SHOP_DYNAMODB_PORT", "8000"), "SHOP_DYNAMODB_PORT");
        int apiPort = number(environment.getOrDefault("SHOP_API_PORT", "0"), "SHOP_API_PORT");
        int s3Port = number(environment.getOrDefault("SHOP_S3_PORT", "0"), "SHOP_S3_PORT");
        int mailPort = number(environment.getOrDefault("SHOP_MAIL_PORT", "8005"), "SHOP_MAIL_PORT");
        String dataDir = environment.get("SHOP_DATA_DIR");
        boolean inMemory = false;
        boolean seed = true;
        int concurrency =
                count(environment.getOrDefault("SHOP_FUNCTION_CONCURRENCY", "1"), "SHOP_FUNCTION_CONCURRENCY");
        Map<String, String> functionEnvironment = new LinkedHashMap<>();
        String contractReport = environment.get("SHOP_CONTRACT_REPORT");
        Map<String, String> functionHandlers = new LinkedHashMap<>();
        List<Path> functionJars = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = number(value(args, ++i), "--port");
                case "--dynamodb-port" -> dynamoDbPort = number(value(args, ++i), "--dynamodb-port");
                case "--api-port" -> apiPort = number(value(args, ++i), "--api-port");
                case "--s3-port" -> s3Port = number(value(args, ++i), "--s3-port");
                case "--mail-port" -> mailPort = number(value(args, ++i), "--mail-port");
                case "--data-dir" -> dataDir = value(args, ++i);
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                case "--in-memory" -> inMemory = true;
                case "--no-seed" -> seed = false;
                case "--contract-report" -> contractReport = value(args, ++i);
                case "--concurrency" -> concurrency = count(value(args, ++i), "--concurrency");
                case "--function-env" -> put(functionEnvironment, "--function-env", value(args, ++i));
                case "--function-handler" -> put(functionHandlers, "--function-handler", value(args, ++i));
                case "--function-jar" ->
                    functionJars.add(Path.of(value(args, ++i)).toAbsolutePath());
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
        }
        Path data = dataDir == null || dataDir.isBlank() ? repo.resolve(".data") : repo.resolve(dataDir);
        return new LocalCloudOptions(
                repo.normalize(),
                port,
                dynamoDbPort,
                data.toAbsolutePath().normalize(),
                inMemory,
                seed,
                environment,
                concurrency,
                functionEnvironment,
                contractReport == null || contractReport.isBlank()
                        ? null
                        : repo.resolve(contractReport).toAbsolutePath().normalize(),
                functionHandlers,
                functionJars,
                apiPort,
                s3Port,
                mailPort);
    }

    private static void put(Map<String, String> pairs, String option, String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(option + " needs NAME=VALUE, not \"" + pair + "\"");
        }
        pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int count(String text, String name) {
        try {
            int count = Integer.parseInt(text.trim());
            if (count < 1) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of 1 or more, not \"" + text + "\"");
        }
    }

    private static int number(String text, String name) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), not \"" + text + "\"");
        }
    }
}
