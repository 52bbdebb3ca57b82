package serverlessshop.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import serverlessshop.localcloud.issuer.LocalIssuer;

/**
 * What each function is configured with on this machine: in AWS, Terraform sets these variables on
 * the Lambda function (RDS, Cognito, DynamoDB, ...); here they point at the local cloud. The names
 * are the ones each service's README lists. All local wiring of the functions is in this class.
 */
public final class FunctionWiring {

    /**
     * Where the stack is: the gateway's public URL, the issuer and its public keys (a JWK set, JSON),
     * DynamoDB Local.
     */
    public record Endpoints(String gatewayUrl, String issuerUrl, String issuerJwkSet, String dynamoDbEndpoint) {}

    /**
     * Each function's cursor key, made once per local cloud: every instance of a function must sign
     * with the same key, as in AWS, where they all read it from the function's secret.
     */
    private static final Map<String, String> CURSOR_KEYS = new ConcurrentHashMap<>();

    private FunctionWiring() {}

    /** The function's configuration, then the variables given with --function-env over it. */
    public static Map<String, String> configuration(String function, LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> configuration = new LinkedHashMap<>(
                switch (function) {
                    case "products" -> products(options, endpoints);
                    case "orders" -> orders(options, endpoints);
                    default -> issuer(endpoints);
                });
        configuration.put("SHOP_CURSORS_KEY", CURSOR_KEYS.computeIfAbsent(function, name -> newCursorKey()));
        // Plain text lines in make run's console, readable next to the gateway's; the images log JSON, as
        // they do in AWS (--function-env SHOP_LOG_FORMAT=ecs shows that here).
        configuration.put("SHOP_LOG_FORMAT", "");
        configuration.putAll(options.functionEnvironment());
        return configuration;
    }

    private static String newCursorKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** The DynamoDB tables the stack creates when they are missing, in AWS CLI create-table JSON. */
    public static Map<String, Path> tables(Path repo) {
        return Map.of("orders", repo.resolve("orders-impl/src/main/resources/dynamodb/orders-table.json"));
    }

    /** Where the products data is: the user's database, or H2 (MySQL mode) in a file or in memory. */
    static String productsDatabase(LocalCloudOptions options) {
        String url = options.environment().get("PRODUCTS_DB_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        String h2 = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE";
        return options.inMemory()
                ? "jdbc:h2:mem:products" + h2 + ";DB_CLOSE_DELAY=-1"
                : "jdbc:h2:file:" + options.dataDir().resolve("products") + h2;
    }

    private static Map<String, String> products(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>(issuer(endpoints));
        env.put("PRODUCTS_DB_URL", productsDatabase(options));
        for (String name : new String[] {"PRODUCTS_DB_USER", "PRODUCTS_DB_PASSWORD"}) {
            String value = options.environment().get(name);
            if (value != null && options.environment().containsKey("PRODUCTS_DB_URL")) {
                env.put(name, value);
            }
        }
        // The image leaves migrations to the deploy's migrate function; locally the function applies them.
        env.put("PRODUCTS_DB_MIGRATE_ON_START", "true");
        // In AWS an EventBridge schedule invokes the sweep function (SweepHandler) every minute, because
        // a frozen instance runs no schedule; a local instance is never frozen, so it sweeps by itself.
        env.put("SHOP_RESERVATIONS_SWEEP_ENABLED", "true");
        return env;
    }

    // ---- orders -------------------------------------------------------------------------------
    // The orders service's variables (orders-impl/README.md): its table in DynamoDB Local (created by
    // the stack, so not by the function), the products API through this gateway as in AWS through
    // API Gateway, and its machine client at the local issuer.
    private static Map<String, String> orders(LocalCloudOptions options, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>(issuer(endpoints));
        env.put("ORDERS_TABLE", tableName(tables(options.repo()).get("orders"), "orders"));
        env.put("ORDERS_DYNAMODB_ENDPOINT", endpoints.dynamoDbEndpoint());
        env.put("ORDERS_CREATE_TABLE", "false");
        env.put("PRODUCTS_API_URL", endpoints.gatewayUrl());
        env.put("PRODUCTS_TOKEN_URL", endpoints.issuerUrl() + "/token");
        env.put("PRODUCTS_CLIENT_ID", LocalIssuer.ORDERS_CLIENT);
        env.put("PRODUCTS_CLIENT_SECRET", LocalIssuer.ORDERS_CLIENT_SECRET);
        env.put("PRODUCTS_SCOPE", LocalIssuer.STOCK_SCOPE);
        return env;
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
     * Every service verifies every request's token itself, with the issuer's keys delivered as the
     * deployment delivers the user pool's (SHOP_JWT_JWKS): no call to the issuer at a cold start.
     */
    private static Map<String, String> issuer(Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOP_JWT_ISSUER", endpoints.issuerUrl());
        env.put("SHOP_JWT_JWKS", endpoints.issuerJwkSet());
        env.put(
                "SHOP_JWT_AUDIENCES",
                String.join(",", LocalIssuer.AUDIENCES.stream().sorted().toList()));
        return env;
    }
}
