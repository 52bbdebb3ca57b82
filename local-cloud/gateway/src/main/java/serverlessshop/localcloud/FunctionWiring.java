package serverlessshop.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.issuer.LocalUserPool;
import serverlessshop.localcloud.lambda.LambdaApi;

/**
 * What each function is configured with on this machine: in AWS, Terraform sets these variables on
 * the Lambda function (RDS, Cognito, DynamoDB, ...); here they point at the local cloud. The names
 * are the ones each service's README lists. All local wiring of the functions is in this class.
 */
public final class FunctionWiring {

    /**
     * Where the stack is: the gateway's public URL, the shoppers' and the administrators' issuers and
     * their public keys (JWK sets, JSON), DynamoDB Local, the Lambda API (null: none), the S3 server
     * (null: none), the local AWS JSON API of the event bus and the user pool (null: none), the SES v2
     * emulator (null: none).
     */
    public record Endpoints(
            String gatewayUrl,
            String issuerUrl,
            String issuerJwkSet,
            String adminIssuerUrl,
            String adminIssuerJwkSet,
            String dynamoDbEndpoint,
            String lambdaEndpoint,
            String s3Endpoint,
            String awsJsonEndpoint,
            String sesEndpoint) {}

    /**
     * The function that publishes the order events: the orders image with another handler, invoked by
     * the orders table's stream (Lambda's event source mapping), as Terraform configures it.
     */
    public static final String ORDER_EVENTS_FUNCTION = "order-events";

    public static final String ORDER_EVENTS_HANDLER = "serverlessshop.orders.lambda.OrderEventsHandler::handleRequest";

    /** The function that mails the customers: the orders image, invoked by the bus's order-mails rule. */
    public static final String ORDER_MAILS_FUNCTION = "order-mails";

    public static final String ORDER_MAILS_HANDLER = "serverlessshop.orders.lambda.OrderMailHandler::handleRequest";

    /** The bus of the order events (Terraform's event_bus_name). */
    public static final String ORDER_EVENTS_BUS = "serverless-shop-orders";

    /** The rule that sends order events to {@link #ORDER_MAILS_FUNCTION}, the one file Terraform reads too. */
    public static Path orderMailsPattern(Path repo) {
        return repo.resolve("terraform/modules/events/order-mails.pattern.json");
    }

    /** The mails' sender, as the deployment's verified SES identity would be. */
    static final String ORDER_MAILS_FROM = "orders@shop.example";

    /**
     * The image function: the products image with another handler (Terraform's image_config.command),
     * invoked by the images bucket's notifications for every object created under {@link #UPLOADS_PREFIX}.
     */
    public static final String IMAGES_FUNCTION = "products-images";

    public static final String IMAGES_HANDLER = "serverlessshop.products.lambda.ImageUploadHandler::handleRequest";

    /** The one private bucket of the product images (uploads and sizes). */
    public static final String IMAGES_BUCKET = "serverless-shop-images";

    /** Where the browser's uploads land: the notifications' key filter. */
    public static final String UPLOADS_PREFIX = "uploads/";

    /** The functions whose roles may use the images bucket (their key pairs are the ones it accepts). */
    private static final Set<String> IMAGES_BUCKET_USERS = Set.of("products", IMAGES_FUNCTION);

    /**
     * Who may invoke whom directly (Lambda Invoke): each function's resource policy, as Terraform
     * writes it. Only the orders function's role may invoke products (the stock reservations).
     */
    private static final Map<String, Set<String>> INVOKERS = Map.of("products", Set.of("orders"));

    /**
     * Each function's role: a key pair of its own, made once per local cloud, with which its SDK signs
     * and the local Lambda API checks, as IAM does with a role's session credentials.
     */
    private static final Map<String, LambdaApi.Role> ROLES = new ConcurrentHashMap<>();

    /** The stack's variable from which the functions' local keys are derived (none: random keys). */
    public static final String CREDENTIALS_SEED = "SHOP_LOCAL_CREDENTIALS_SEED";

    /**
     * Each function's cursor key, made once per local cloud: every instance of a function must sign
     * with the same key, as in AWS, where they all read it from the function's secret.
     */
    private static final Map<String, String> CURSOR_KEYS = new ConcurrentHashMap<>();

    /** The header the front door adds, as CloudFront's API origin does in AWS. */
    public static final String ORIGIN_HEADER = "X-Origin-Verify";

    /** The variable that gives a function the values it accepts in {@link #ORIGIN_HEADER}. */
    public static final String ORIGIN_VALUES = "SHOP_ORIGIN_VALUES";

    private static final String GENERATED_ORIGIN_VALUE = newKey();

    private FunctionWiring() {}

    /**
     * The values the functions accept in {@link #ORIGIN_HEADER}, the one the front door adds first:
     * generated once per local cloud, as Terraform generates the secret's, or the ones given with
     * {@code --function-env SHOP_ORIGIN_VALUES=new,old}, which is how a rotation looks to the functions.
     */
    public static List<String> originValues(LocalCloudOptions options) {
        String given = options.functionEnvironment().get(ORIGIN_VALUES);
        if (given != null && !given.isBlank()) {
            return Arrays.stream(given.split(","))
                    .map(String::trim)
                    .filter(value -> !value.isEmpty())
                    .toList();
        }
        return List.of(GENERATED_ORIGIN_VALUE);
    }

    /** The function's configuration, then the variables given with --function-env over it. */
    public static Map<String, String> configuration(String function, LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> configuration = new LinkedHashMap<>(
                switch (function) {
                    case "products" -> products(options, endpoints);
                    case IMAGES_FUNCTION -> images(options, endpoints);
                    case "orders" -> orders(options, endpoints);
                    case ORDER_EVENTS_FUNCTION -> orderEvents(options, endpoints);
                    case ORDER_MAILS_FUNCTION -> orderMails(options, endpoints);
                    default -> issuer(endpoints);
                });
        configuration.put("SHOP_CURSORS_KEY", CURSOR_KEYS.computeIfAbsent(function, name -> newKey()));
        // Every function may take requests through the gateway: all of them require its origin header.
        configuration.put("SHOP_ORIGIN_HEADER", ORIGIN_HEADER);
        configuration.put(ORIGIN_VALUES, String.join(",", originValues(options)));
        LambdaApi.Role role = role(function, options.environment().get(CREDENTIALS_SEED));
        configuration.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
        configuration.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
        // Plain text lines in make run's console, readable next to the gateway's; the images log JSON, as
        // they do in AWS (--function-env SHOP_LOG_FORMAT=ecs shows that here).
        configuration.put("SHOP_LOG_FORMAT", "");
        configuration.putAll(options.functionEnvironment());
        return configuration;
    }

    /**
     * The function's role, made the first time it is asked for: random keys, or, when the stack's
     * environment has {@value #CREDENTIALS_SEED}, keys derived from it, so that a harness which starts
     * one of the functions by itself (a scheduled job, a cold start) signs as the stack expects.
     */
    static LambdaApi.Role role(String function, String seed) {
        return ROLES.computeIfAbsent(function, name -> {
            HexFormat hex = HexFormat.of().withUpperCase();
            byte[] id;
            byte[] secret;
            if (seed == null || seed.isBlank()) {
                SecureRandom random = new SecureRandom();
                id = new byte[8];
                secret = new byte[30];
                random.nextBytes(id);
                random.nextBytes(secret);
            } else {
                id = Arrays.copyOf(derive(seed, "access-key-id:" + name), 8);
                secret = Arrays.copyOf(derive(seed, "secret-access-key:" + name), 30);
            }
            return new LambdaApi.Role(
                    name, "AKIALOCAL" + hex.formatHex(id), Base64.getEncoder().encodeToString(secret));
        });
    }

    private static byte[] derive(String seed, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The role an access key belongs to. */
    public static Optional<LambdaApi.Role> roleOfKey(String accessKeyId) {
        return ROLES.values().stream()
                .filter(role -> role.accessKeyId().equals(accessKeyId))
                .findFirst();
    }

    /**
     * The secret of an access key the images bucket accepts: a role of a function allowed to use it
     * (products signs the uploads' POST policies and deletes objects, the image function reads the
     * uploads and writes the sizes), as the bucket's IAM policies allow those roles only.
     */
    public static Optional<String> imagesBucketSecret(String accessKeyId) {
        return roleOfKey(accessKeyId)
                .filter(role -> IMAGES_BUCKET_USERS.contains(role.function()))
                .map(LambdaApi.Role::secretAccessKey);
    }

    /** The functions the target's resource policy allows to invoke it. */
    public static Set<String> invokersOf(String target) {
        return INVOKERS.getOrDefault(target, Set.of());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** The DynamoDB tables the stack creates when they are missing, in AWS CLI create-table JSON. */
    public static Map<String, Path> tables(Path repo) {
        return Map.of("orders", repo.resolve("orders-impl/src/main/resources/dynamodb/orders-table.json"));
    }

    /**
     * Where the products data is: the user's database, or H2 (MySQL mode) in a file. Two functions
     * share it (products, and the image function, which records the images it processed), so H2 runs
     * in its automatic mixed mode: the first process opens the file and serves it to the others. With
     * --in-memory the file is a temporary one of this local cloud's (an H2 in-memory database lives in
     * one process), deleted when it stops ({@link #inMemoryData}).
     */
    static String productsDatabase(LocalCloudOptions options) {
        String url = options.environment().get("PRODUCTS_DB_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        String h2 = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;AUTO_SERVER=TRUE";
        Path folder = options.inMemory() ? inMemoryData() : options.dataDir();
        return "jdbc:h2:file:" + folder.resolve("products") + h2;
    }

    /** The folder of a --in-memory local cloud's products database: this process's, in the temporary folder. */
    static Path inMemoryData() {
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "serverless-shop-" + ProcessHandle.current().pid());
    }

    private static Map<String, String> productsDatabaseEnvironment(LocalCloudOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PRODUCTS_DB_URL", productsDatabase(options));
        for (String name : new String[] {"PRODUCTS_DB_USER", "PRODUCTS_DB_PASSWORD"}) {
            String value = options.environment().get(name);
            if (value != null && options.environment().containsKey("PRODUCTS_DB_URL")) {
                env.put(name, value);
            }
        }
        return env;
    }

    private static Map<String, String> products(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>(issuer(endpoints));
        env.putAll(productsDatabaseEnvironment(options));
        // The image leaves migrations to the deploy's migrate function; locally the function applies them.
        env.put("PRODUCTS_DB_MIGRATE_ON_START", "true");
        // In AWS an EventBridge schedule invokes the sweep function (SweepHandler) every minute, because
        // a frozen instance runs no schedule; a local instance is never frozen, so it sweeps by itself.
        env.put("SHOP_RESERVATIONS_SWEEP_ENABLED", "true");
        env.putAll(imagesBucket(endpoints));
        return env;
    }

    /** The image function: the products database and the images bucket, as products has them; no sweeping. */
    private static Map<String, String> images(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>(issuer(endpoints));
        env.putAll(productsDatabaseEnvironment(options));
        env.putAll(imagesBucket(endpoints));
        return env;
    }

    /**
     * The bucket, and the local S3 server as the SDK's own endpoint variable names it; path-style, as
     * S3Proxy serves buckets (virtual-host names would need DNS for bucket.localhost).
     */
    private static Map<String, String> imagesBucket(Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOP_IMAGES_BUCKET", IMAGES_BUCKET);
        if (endpoints.s3Endpoint() != null) {
            env.put("AWS_ENDPOINT_URL_S3", endpoints.s3Endpoint());
            env.put("SHOP_IMAGES_PATH_STYLE", "true");
        }
        return env;
    }

    // ---- orders -------------------------------------------------------------------------------
    // The orders service's variables (orders-impl/README.md): its table in DynamoDB Local (created by
    // the stack, so not by the function), and the products function, which it invokes directly through
    // the local Lambda API as in AWS through Lambda's, signing with its own role's key pair.
    private static Map<String, String> orders(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>(issuer(endpoints));
        env.put("ORDERS_TABLE", ordersTable(options.repo()));
        env.put("ORDERS_DYNAMODB_ENDPOINT", endpoints.dynamoDbEndpoint());
        env.put("ORDERS_CREATE_TABLE", "false");
        env.put("PRODUCTS_FUNCTION_NAME", "products");
        if (endpoints.lambdaEndpoint() != null) {
            env.put("AWS_ENDPOINT_URL_LAMBDA", endpoints.lambdaEndpoint());
        }
        return env;
    }

    /** The orders application with the bus to publish on, the local one. */
    private static Map<String, String> orderEvents(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = orders(options, endpoints);
        env.put("ORDER_EVENTS_BUS", ORDER_EVENTS_BUS);
        if (endpoints.awsJsonEndpoint() != null) {
            env.put("ORDER_EVENTS_ENDPOINT", endpoints.awsJsonEndpoint());
        }
        return env;
    }

    /**
     * The orders application (its table keeps the mails' once-only claims) with the sender, the shop's
     * URL for the links, the local user pool and the SES v2 emulator.
     */
    private static Map<String, String> orderMails(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = orders(options, endpoints);
        env.put("ORDER_MAILS_FROM", ORDER_MAILS_FROM);
        env.put("ORDER_MAILS_SITE_URL", endpoints.gatewayUrl());
        env.put("ORDER_MAILS_USER_POOL_ID", LocalUserPool.POOL_ID);
        if (endpoints.sesEndpoint() != null) {
            env.put("ORDER_MAILS_SES_ENDPOINT", endpoints.sesEndpoint());
        }
        if (endpoints.awsJsonEndpoint() != null) {
            env.put("ORDER_MAILS_COGNITO_ENDPOINT", endpoints.awsJsonEndpoint());
        }
        return env;
    }

    /** The orders table's name, from its definition. */
    public static String ordersTable(Path repo) {
        return tableName(tables(repo).get("orders"), "orders");
    }

    /** The table's name from its definition, so the function and the stack cannot disagree on it. */
    private static String tableName(Path definition, String fallback) {
        try {
            return new ObjectMapper()
                    .readTree(definition.toFile())
                    .path("TableName")
                    .asText(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    /**
     * Every service verifies every request's token itself, with the issuers' keys delivered as the
     * deployment delivers the user pools' (SHOP_JWT_JWKS, SHOP_ADMIN_JWT_JWKS): no call to an issuer at
     * a cold start. Only a token of the administrators' issuer can make its bearer an administrator.
     */
    private static Map<String, String> issuer(Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOP_JWT_ISSUER", endpoints.issuerUrl());
        env.put("SHOP_JWT_JWKS", endpoints.issuerJwkSet());
        env.put(
                "SHOP_JWT_AUDIENCES",
                String.join(",", LocalIssuer.AUDIENCES.stream().sorted().toList()));
        env.put("SHOP_ADMIN_JWT_ISSUER", endpoints.adminIssuerUrl());
        env.put("SHOP_ADMIN_JWT_JWKS", endpoints.adminIssuerJwkSet());
        env.put(
                "SHOP_ADMIN_JWT_AUDIENCES",
                String.join(",", LocalIssuer.ADMIN_AUDIENCES.stream().sorted().toList()));
        return env;
    }
}
