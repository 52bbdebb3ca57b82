package serverlessshop.localcloud.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API for one function instance, which the Runtime Interface Client in that
 * instance polls: {@code GET /2018-06-01/runtime/invocation/next} (a long poll that answers with the
 * next event and its Lambda-Runtime-* headers), {@code POST .../invocation/{id}/response},
 * {@code POST .../invocation/{id}/error} and {@code POST /2018-06-01/runtime/init/error}.
 *
 * <p>One server per instance, on its own loopback port: a poll left behind by an instance that died
 * can never take an event meant for the next one.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_RESULT = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");

    /**
     * A function's configuration variable that the local cloud reads as the function's X-Ray tracing
     * mode: {@code Active} stamps every invocation's trace header Sampled=1, as Lambda does for an
     * actively traced request it samples; anything else Sampled=0. In AWS the mode is the function's
     * tracing_config, which the function itself never reads.
     */
    public static final String TRACING_MODE = "SHOP_LOCAL_TRACING_MODE";

    private final String functionArn;
    private final boolean sampled;
    private final HttpServer server;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RuntimeApi(String functionArn, boolean sampled) throws IOException {
        this.functionArn = functionArn;
        this.sampled = sampled;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of AWS_LAMBDA_RUNTIME_API for the instance: host:port, no scheme. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void submit(Invocation invocation) {
        inFlight.put(invocation.requestId(), invocation);
        queued.add(invocation);
    }

    /**
     * Takes back an invocation the instance has not picked up yet (it is still starting).
     *
     * @return false when the instance had already taken it: its handler is running
     */
    boolean withdraw(Invocation invocation) {
        if (queued.remove(invocation)) {
            inFlight.remove(invocation.requestId());
            return true;
        }
        return false;
    }

    /** Fails whatever the instance still owes an answer to (it died, or failed to initialize). */
    void failAll(FunctionFailure failure) {
        inFlight.values().forEach(invocation -> invocation.result().completeExceptionally(failure));
        inFlight.clear();
        queued.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (exchange.getRequestMethod().equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
                return;
            }
            Matcher result = INVOCATION_RESULT.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && result.matches()) {
                Invocation invocation = inFlight.remove(result.group(1));
                if (invocation == null) {
                    reply(
                            exchange,
                            400,
                            "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                if (result.group(2).equals("response")) {
                    invocation.result().complete(body);
                } else {
                    invocation.result().completeExceptionally(failure(exchange, body, "Function error"));
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.equals(PREFIX + "init/error")) {
                failAll(failure(exchange, body, "Runtime.InitError"));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            reply(exchange, 404, "{\"errorMessage\":\"Not found\",\"errorType\":\"NotFound\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            return; // closing: the instance is being stopped
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set(
                "Lambda-Runtime-Deadline-Ms",
                String.valueOf(invocation.deadline().toEpochMilli()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId(sampled));
        if (invocation.clientContext() != null) {
            // A direct invocation's client context: the Runtime Interface Client hands it to the handler.
            headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
        }
        exchange.sendResponseHeaders(200, invocation.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event());
        }
    }

    private static FunctionFailure failure(HttpExchange exchange, byte[] body, String defaultType) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return new FunctionFailure(type == null ? defaultType : type, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether a function of this environment is traced actively ({@link #TRACING_MODE}). */
    static boolean activeTracing(Map<String, String> environment) {
        return "Active".equals(environment.get(TRACING_MODE));
    }

    /** An X-Ray trace header as Lambda passes it: Root=1-{time}-{24 hex};Parent={16 hex};Sampled=0 or 1. */
    private static String traceId(boolean sampled) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt())
                + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=" + (sampled ? "1" : "0");
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
        closed = true;
        server.stop(0);
        failAll(new FunctionFailure("Runtime.ExitError", "the instance was stopped"));
    }
}
