package serverlessshop.orders.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import serverlessshop.support.lambda.InvocationContext;

/**
 * The main class of a function's JVM in the saga tests: one Lambda instance of the handler class it
 * is given, behind Lambda's {@code Invoke} API ({@code POST /2015-03-31/functions/{name}/invocations})
 * as the orders service's Lambda client calls it. The invocation's client context
 * ({@code X-Amz-Client-Context}, base64 JSON) reaches the handler in its {@link Context}, as Lambda
 * hands it over; signatures are not checked here (the local cloud's Lambda API does that). One
 * invocation at a time, as one Lambda instance serves them.
 *
 * <p>Arguments: the port, the function's name, the handler class. Only the JDK, Jackson and the
 * Lambda core interfaces: it runs on the function's own class path.
 */
public final class FunctionInvokeServer {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionName;
    private final RequestStreamHandler handler;

    private FunctionInvokeServer(String functionName, RequestStreamHandler handler) {
        this.functionName = functionName;
        this.handler = handler;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler)
                Class.forName(args[2]).getDeclaredConstructor().newInstance();
        FunctionInvokeServer function = new FunctionInvokeServer(args[1], handler);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", function::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] event;
            try (InputStream in = exchange.getRequestBody()) {
                event = in.readAllBytes();
            }
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST")
                    || !invoke.matches()
                    || !invoke.group(1).equals(functionName)) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "ResourceNotFoundException");
                reply(exchange, 404, "{\"Type\":\"User\",\"message\":\"Function not found\"}");
                return;
            }
            if ("DryRun".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                exchange.sendResponseHeaders(204, -1); // Lambda checked the request and ran nothing
                return;
            }
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            Context context = new InvocationContext(
                    UUID.randomUUID().toString(),
                    functionName,
                    clientCustom(exchange.getRequestHeaders().getFirst("X-Amz-Client-Context")));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                synchronized (this) {
                    handler.handleRequest(new ByteArrayInputStream(event), output, context);
                }
            } catch (Exception | Error e) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                reply(
                        exchange,
                        200,
                        JSON.createObjectNode()
                                .put("errorMessage", String.valueOf(e.getMessage()))
                                .put("errorType", e.getClass().getName())
                                .toString());
                return;
            }
            byte[] body = output.toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The client context's custom values as Lambda hands them to a Java handler: null when the invocation had none. */
    static Map<String, String> clientCustom(String header) throws IOException {
        if (header == null || header.isBlank()) {
            return null;
        }
        return strings(JSON.readTree(Base64.getDecoder().decode(header)).path("custom"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new HashMap<>();
        object.properties()
                .forEach(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
