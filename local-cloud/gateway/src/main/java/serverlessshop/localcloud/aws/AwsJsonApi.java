package serverlessshop.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;
import serverlessshop.localcloud.lambda.LambdaApi;
import serverlessshop.localcloud.lambda.SigV4;

/**
 * The AWS JSON 1.1 APIs the functions call besides Lambda's (EventBridge's PutEvents, Cognito's
 * AdminGetUser), on a loopback port of their own: a request names its operation in
 * {@code X-Amz-Target} and is let through only when signed (SigV4, the operation's service) with a
 * key pair the local cloud gave a function, as the local Lambda API checks them. Errors are what
 * the AWS SDK reads: a status, {@code x-amzn-ErrorType} and {@code {"__type", "message"}}.
 */
public final class AwsJsonApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;

    /** One operation: the service its signature must name, and what it answers to a request. */
    public record Operation(String signingService, Handler handler) {}

    /** Answers a request's JSON; throws {@link AwsError} for an error answer. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(JsonNode request, LambdaApi.Role caller) throws AwsError;
    }

    /** An error answer, as the service names it. */
    public static final class AwsError extends Exception {
        private final int status;
        private final String type;

        public AwsError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private final HttpServer server;
    private final Function<String, Optional<LambdaApi.Role>> roleOfKey;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    private AwsJsonApi(HttpServer server, Function<String, Optional<LambdaApi.Role>> roleOfKey) {
        this.server = server;
        this.roleOfKey = roleOfKey;
    }

    /** Listening on this loopback port (0: a free one) from now on; operations are added with {@link #add}. */
    public static AwsJsonApi start(int port, Function<String, Optional<LambdaApi.Role>> roleOfKey) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        AwsJsonApi api = new AwsJsonApi(server, roleOfKey);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** @param target the {@code X-Amz-Target} value, e.g. {@code AWSEvents.PutEvents} */
    public void add(String target, Operation operation) {
        operations.put(target, operation);
    }

    /** What a function's SDK is given as its endpoint URL. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            SigV4.SignedRequest request = new SigV4.SignedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Operation operation = target == null ? null : operations.get(target);
            // Authentication first, as AWS: an unsigned or badly signed request learns nothing else.
            String accessKey = SigV4.accessKeyOf(request);
            Optional<LambdaApi.Role> caller =
                    accessKey == null || accessKey.isEmpty() ? Optional.empty() : roleOfKey.apply(accessKey);
            if (accessKey != null && !accessKey.isEmpty() && caller.isEmpty()) {
                reply(
                        exchange,
                        error(new AwsError(
                                400,
                                "UnrecognizedClientException",
                                "The security token included in the request is invalid.")));
                return;
            }
            String service = operation == null ? serviceOf(target) : operation.signingService();
            SigV4.Refusal refusal = SigV4.verify(
                    request, caller.map(LambdaApi.Role::secretAccessKey).orElse(""), service, Instant.now());
            if (refusal != null) {
                reply(exchange, error(new AwsError(403, refusal.errorType(), refusal.message())));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || operation == null) {
                reply(exchange, error(new AwsError(400, "UnknownOperationException", "Unknown operation " + target)));
                return;
            }
            if (body.length > MAX_BODY) {
                reply(exchange, error(new AwsError(413, "RequestEntityTooLarge", "Request too large")));
                return;
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                reply(exchange, error(new AwsError(400, "SerializationException", "Malformed JSON request")));
                return;
            }
            try {
                reply(exchange, new Answer(200, null, operation.handler().handle(json, caller.orElseThrow())));
            } catch (AwsError e) {
                reply(exchange, error(e));
            }
        }
    }

    /** The service of an unknown target, so that its signature is still checked before it is refused. */
    private static String serviceOf(String target) {
        if (target != null && target.startsWith("AWSCognitoIdentityProviderService.")) {
            return "cognito-idp";
        }
        return "events";
    }

    private record Answer(int status, String errorType, JsonNode body) {}

    private static Answer error(AwsError error) {
        ObjectNode body = JSON.createObjectNode().put("__type", error.type).put("message", error.getMessage());
        return new Answer(error.status, error.type, body);
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (answer.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
