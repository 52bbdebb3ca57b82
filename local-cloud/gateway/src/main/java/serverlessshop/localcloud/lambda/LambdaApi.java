package serverlessshop.localcloud.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import serverlessshop.localcloud.Console;

/**
 * Lambda's {@code Invoke} API (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html) for
 * the local cloud's functions, on a loopback port of its own, where a function's AWS SDK reaches it
 * through {@code AWS_ENDPOINT_URL_LAMBDA}. As AWS does, it lets a request through only when it is
 * signed (SigV4, service {@code lambda}) with a key pair the local cloud gave a function (its role)
 * and that function may invoke the target (the target's resource policy); else it answers what
 * Lambda answers: 403 with the error type in {@code x-amzn-ErrorType} and a JSON message. The
 * client context ({@code X-Amz-Client-Context}, base64 JSON) goes to the function's handler.
 * {@code RequestResponse} and {@code DryRun} invocations only.
 */
public final class LambdaApi implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's limit on a synchronous invocation's request payload. */
    private static final int MAX_PAYLOAD = 6 * 1024 * 1024;
    /** The functions' timeout (the API functions' in AWS). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A function's role, as the local cloud gives it: its key pair and the ARN of its session. */
    public record Role(String function, String accessKeyId, String secretAccessKey) {
        String arn() {
            return "arn:aws:sts::000000000000:assumed-role/" + function + "/" + function;
        }
    }

    private final HttpServer server;
    private final Function<String, Optional<Role>> roleOfKey;
    private final Function<String, Set<String>> invokersOf;
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();

    /**
     * @param roleOfKey  the role an access key belongs to
     * @param invokersOf the functions whose roles the target's resource policy allows to invoke it
     */
    private LambdaApi(
            HttpServer server, Function<String, Optional<Role>> roleOfKey, Function<String, Set<String>> invokersOf) {
        this.server = server;
        this.roleOfKey = roleOfKey;
        this.invokersOf = invokersOf;
    }

    /** Listening on this loopback port (0: a free one) from now on; functions are added as they are made. */
    public static LambdaApi start(
            int port, Function<String, Optional<Role>> roleOfKey, Function<String, Set<String>> invokersOf)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        LambdaApi api = new LambdaApi(server, roleOfKey, invokersOf);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** What a function's SDK is given as {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void add(LambdaFunction function) {
        functions.put(function.name(), function);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_PAYLOAD + 1);
            }
            SigV4.SignedRequest request = new SigV4.SignedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body);
            // Authentication first, as AWS: an unsigned or badly signed request learns nothing else.
            String accessKey = SigV4.accessKeyOf(request);
            Optional<Role> caller =
                    accessKey == null || accessKey.isEmpty() ? Optional.empty() : roleOfKey.apply(accessKey);
            if (accessKey != null && !accessKey.isEmpty() && caller.isEmpty()) {
                refuse(
                        exchange,
                        403,
                        "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
                return;
            }
            SigV4.Refusal refusal =
                    SigV4.verify(request, caller.map(Role::secretAccessKey).orElse(""), "lambda", Instant.now());
            if (refusal != null) {
                refuse(exchange, 403, refusal.errorType(), refusal.message());
                return;
            }
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()) {
                refuse(exchange, 404, "UnknownOperationException", "Unknown operation.");
                return;
            }
            String name = functionName(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            LambdaFunction target = functions.get(name);
            String targetArn = "arn:aws:lambda:" + LambdaFunction.REGION + ":000000000000:function:" + name;
            if (!invokersOf.apply(name).contains(caller.orElseThrow().function())) {
                // In AWS the caller's own policy and the function's resource policy decide; here each
                // role may invoke exactly what the target's resource policy lists.
                refuse(
                        exchange,
                        403,
                        "AccessDeniedException",
                        "User: " + caller.get().arn() + " is not authorized to perform: lambda:InvokeFunction on"
                                + " resource: " + targetArn + " because no resource-based policy allows the"
                                + " lambda:InvokeFunction action");
                return;
            }
            if (target == null) {
                refuse(exchange, 404, "ResourceNotFoundException", "Function not found: " + targetArn);
                return;
            }
            if (body.length > MAX_PAYLOAD) {
                refuse(
                        exchange,
                        413,
                        "RequestTooLargeException",
                        "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                    .orElse("RequestResponse");
            if (type.equals("DryRun")) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!type.equals("RequestResponse")) {
                refuse(
                        exchange,
                        400,
                        "InvalidParameterValueException",
                        "The local cloud invokes RequestResponse and DryRun only, not " + type);
                return;
            }
            String clientContext;
            try {
                clientContext = clientContext(exchange.getRequestHeaders().getFirst("X-Amz-Client-Context"));
            } catch (IllegalArgumentException e) {
                refuse(
                        exchange,
                        400,
                        "InvalidRequestContentException",
                        "Client context must be a valid Base64-encoded JSON object.");
                return;
            }
            Console.line("lambda", "Invoke " + name + " by " + caller.get().function());
            answer(exchange, target, body, clientContext);
        }
    }

    private static void answer(HttpExchange exchange, LambdaFunction target, byte[] event, String clientContext)
            throws IOException {
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        try {
            byte[] result = target.invoke(event, clientContext, Instant.now().plus(TIMEOUT));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, result.length == 0 ? -1 : result.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(result);
            }
        } catch (FunctionFailure e) {
            functionError(exchange, e.errorType(), e.getMessage());
        } catch (TimeoutException e) {
            if (e.getMessage() != null && e.getMessage().contains("stayed busy")) {
                // Every instance the function may run is busy: Lambda throttles.
                refuse(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
            } else {
                functionError(
                        exchange, "Sandbox.Timedout", "Task timed out after " + TIMEOUT.toSeconds() + ".00 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(exchange, 500, "ServiceException", "The local cloud is stopping.");
        }
    }

    /** The function failed: Lambda still answers 200, and says so in X-Amz-Function-Error. */
    private static void functionError(HttpExchange exchange, String errorType, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
        reply(
                exchange,
                200,
                JSON.createObjectNode()
                        .put("errorType", errorType)
                        .put("errorMessage", message)
                        .toString());
    }

    /** A function's name from what Invoke takes: its name, its ARN or a partial ARN, with or without a qualifier. */
    static String functionName(String given) {
        String name = given;
        int function = name.indexOf("function:");
        if (function >= 0) {
            name = name.substring(function + "function:".length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }

    /** The decoded JSON of X-Amz-Client-Context, or null when there is none. */
    static String clientContext(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        try {
            if (!JSON.readTree(json).isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return json;
    }

    private static void refuse(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        reply(
                exchange,
                status,
                JSON.createObjectNode()
                        .put("Type", "User")
                        .put("message", message)
                        .toString());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
