package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Stands between the orders service and the real products function, as Lambda's Invoke API, and,
 * when a test says so, fails like a network and Lambda do: no answer at all, an answer too late
 * (after products did the work), or a throttled invocation. Every invocation that passes is recorded
 * by the request its event carries, so a test can count reservations made.
 */
public final class ProductsProxy {

    /** How a matching request fails. */
    public enum Fault {
        /** The connection closes without an answer: products is unreachable. */
        NO_ANSWER,
        /** Products does the work, but the answer comes after the client's read timeout. */
        ANSWER_TOO_LATE,
        /** Lambda throttles the invocation (429 TooManyRequestsException): products does nothing. */
        UNAVAILABLE
    }

    /** A request that reached products: its event's method and path, and the correlation id and trace header orders sent with it. */
    public record Call(String method, String path, String correlationId, String traceHeader) {

        public Call(String method, String path) {
            this(method, path, null, null);
        }
    }

    private record Rule(Predicate<Call> matches, Fault fault) {}

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "host",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Rule> RULES = new CopyOnWriteArrayList<>();
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** How long {@link Fault#ANSWER_TOO_LATE} holds the answer: past the orders service's read timeout in tests. */
    public static final Duration LATE = Duration.ofMillis(1_600);

    private ProductsProxy() {}

    /** The Invoke API the orders service is pointed at (its AWS_ENDPOINT_URL_LAMBDA). */
    public static synchronized String endpoint() {
        if (server == null) {
            server = started();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests matching this fail so from now on, until {@link #reset()}. */
    public static void fail(Predicate<Call> matches, Fault fault) {
        RULES.add(new Rule(matches, fault));
    }

    /** Every request fails so: products is down. */
    public static void failAll(Fault fault) {
        fail(call -> true, fault);
    }

    public static void reset() {
        RULES.clear();
        CALLS.clear();
    }

    /** The requests that reached products since the last reset. */
    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    public static Predicate<Call> reserve() {
        return call -> call.method().equals("PUT") && call.path().startsWith("/products/stock-reservations/");
    }

    public static Predicate<Call> confirm() {
        return call -> call.method().equals("POST") && call.path().endsWith("/confirm");
    }

    public static Predicate<Call> release() {
        return call -> call.method().equals("POST") && call.path().endsWith("/release");
    }

    private static HttpServer started() {
        try {
            HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            proxy.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            proxy.createContext("/", ProductsProxy::handle);
            proxy.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.stop(0), "stop-products-proxy"));
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] invocation;
            try (InputStream in = exchange.getRequestBody()) {
                invocation = in.readAllBytes();
            }
            if ("DryRun".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                exchange.sendResponseHeaders(204, -1); // the orders service's start: no request of a test
                return;
            }
            JsonNode event = JSON.readTree(invocation);
            JsonNode headers = event.path("headers");
            Call call = new Call(
                    event.path("requestContext").path("http").path("method").asText(),
                    event.path("rawPath").asText(),
                    headers.path("x-correlation-id").textValue(),
                    headers.path("x-amzn-trace-id").textValue());
            Fault fault = RULES.stream()
                    .filter(rule -> rule.matches().test(call))
                    .map(Rule::fault)
                    .findFirst()
                    .orElse(null);
            if (fault == Fault.NO_ANSWER) {
                return; // closing the exchange unanswered closes the connection
            }
            if (fault == Fault.UNAVAILABLE) {
                byte[] body =
                        "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "TooManyRequestsException");
                exchange.sendResponseHeaders(429, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            CALLS.add(call);
            HttpResponse<byte[]> response = forward(exchange, invocation);
            if (fault == Fault.ANSWER_TOO_LATE) {
                Thread.sleep(LATE);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up first (a timeout the test asked for)
        }
    }

    private static HttpResponse<byte[]> forward(HttpExchange exchange, byte[] invocation)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ProductsService.lambdaEndpoint()
                        + exchange.getRequestURI().getRawPath()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(invocation));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
