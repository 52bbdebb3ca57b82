package serverlessshop.support.testing.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import serverlessshop.support.testing.http.StandInServer;

/**
 * AWS Secrets Manager's {@code GetSecretValue}, as its JSON protocol (awsJson1_1) answers it, on a
 * loopback port: there is no Secrets Manager (nor an AWS emulator) here, so the real SDK client is pointed
 * at this with the SDK's own settings ({@link #sdkSettings()}). It holds secrets by ARN, with the
 * staging labels {@code AWSCURRENT} and {@code AWSPREVIOUS} as Secrets Manager moves them when a new
 * value is put, answers {@code ResourceNotFoundException} for any other id or label, refuses a request that is not SigV4-signed, and
 * records every read: which secret, and the access key id that signed it.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** The credentials the SDK signs with in tests: any will do, the stand-in checks only that they are used. */
    public static final String ACCESS_KEY_ID = "AKIDSTANDIN";

    public static final String REGION = "eu-west-1";

    /** One {@code GetSecretValue}: the id asked for, and the access key id of its SigV4 signature. */
    public record Read(String secretId, String accessKeyId) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGV4_KEY =
            Pattern.compile("^AWS4-HMAC-SHA256 Credential=([^/]+)/[0-9]{8}/([^/]+)/secretsmanager/aws4_request,");

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> previous = new ConcurrentHashMap<>();
    private final List<Read> reads = new CopyOnWriteArrayList<>();
    private final StandInServer server = StandInServer.start(this::handle);

    public String endpoint() {
        return server.url();
    }

    /** An ARN of this stand-in's region and a made-up account, with the random suffix Secrets Manager adds. */
    public static String arn(String name) {
        return "arn:aws:secretsmanager:" + REGION + ":123456789012:secret:" + name + "-AbC123";
    }

    /**
     * Creates the secret, or puts a new current value into it (a rotation): the value it replaces is then
     * the one labelled {@code AWSPREVIOUS}.
     */
    public void put(String arn, String secretString) {
        String replaced = secrets.put(arn, secretString);
        if (replaced != null) {
            previous.put(arn, replaced);
        }
    }

    /** The reads of this secret so far. */
    public long reads(String arn) {
        return reads.stream().filter(read -> read.secretId().equals(arn)).count();
    }

    public List<Read> reads() {
        return List.copyOf(reads);
    }

    /**
     * The system properties that point the SDK's Secrets Manager clients here: the SDK's service-specific
     * endpoint setting, the region and credentials. {@code SecretsManagerSecretSource} reads these before
     * the environment variables Lambda sets.
     */
    public Map<String, String> sdkSettings() {
        return Map.of(
                "aws.endpointUrlSecretsManager",
                endpoint(),
                "aws.region",
                REGION,
                "aws.accessKeyId",
                ACCESS_KEY_ID,
                "aws.secretAccessKey",
                "stand-in-signing-key");
    }

    /** Sets {@link #sdkSettings()} as system properties until the returned handle is closed, which restores the previous ones. */
    public AutoCloseable applySdkSettings() {
        Map<String, String> previous = new HashMap<>();
        sdkSettings().forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        return () -> previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Matcher signed = SIGV4_KEY.matcher(authorization == null ? "" : authorization);
            if (!exchange.getRequestMethod().equals("POST") || !"secretsmanager.GetSecretValue".equals(target)) {
                error(exchange, "UnknownOperationException", "Only GetSecretValue is stood in for: " + target);
                return;
            }
            if (!signed.find()) {
                error(exchange, "IncompleteSignature", "The request must be signed with SigV4 for secretsmanager");
                return;
            }
            String secretId = request.path("SecretId").asText();
            reads.add(new Read(secretId, signed.group(1)));
            String stage = request.path("VersionStage").asText("AWSCURRENT");
            String value = switch (stage) {
                case "AWSCURRENT" -> secrets.get(secretId);
                case "AWSPREVIOUS" -> previous.get(secretId);
                default -> null;
            };
            if (value == null) {
                error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                return;
            }
            ObjectNode answer = JSON.createObjectNode()
                    .put("ARN", secretId)
                    .put("Name", secretId.substring(secretId.lastIndexOf(':') + 1))
                    .put(
                            "VersionId",
                            UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8))
                                    .toString())
                    .put("SecretString", value)
                    .put("CreatedDate", Instant.now().getEpochSecond());
            answer.putArray("VersionStages").add(stage);
            reply(exchange, 200, answer.toString());
        }
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        reply(
                exchange,
                400,
                JSON.createObjectNode()
                        .put("__type", type)
                        .put("message", message)
                        .toString());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        StandInServer.reply(exchange, status, "application/x-amz-json-1.1", body);
    }

    @Override
    public void close() {
        server.close();
    }
}
