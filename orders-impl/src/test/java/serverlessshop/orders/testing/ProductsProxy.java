package serverlessshop.orders.testing;

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
 * Stands between the orders service and the real products service and, when a test says so, fails
 * like a network and a server do: no answer at all, an answer too late (after products did the
 * work), or a 503. Every request that passes is recorded, so a test can count reservations made.
 */
public final class ProductsProxy {

    /** How a matching request fails. */
    public enum Fault {
        /** The connection closes without an answer: products is unreachable. */
        NO_ANSWER,
        /** Products does the work, but the answer comes after the client's read timeout. */
        ANSWER_TOO_LATE,
        /** Products answers 503 without doing anything. */
        UNAVAILABLE
    }

    /** A request that reached products: its method and path, and the correlation id and trace header orders sent with it. */
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

    private static final List<Rule> RULES = new CopyOnWriteArrayList<>();
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** How long {@link Fault#ANSWER_TOO_LATE} holds the answer: past the orders service's read timeout in tests. */
    public static final Duration LATE = Duration.ofMillis(1_600);

    private ProductsProxy() {}

    public static synchronized String baseUrl() {
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
            Call call = new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                    exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"));
            Fault fault = RULES.stream()
                    .filter(rule -> rule.matches().test(call))
                    .map(Rule::fault)
                    .findFirst()
                    .orElse(null);
            if (fault == Fault.NO_ANSWER) {
                return; // closing the exchange unanswered closes the connection
            }
            if (fault == Fault.UNAVAILABLE) {
                byte[] body = ("{\"type\":\"urn:serverless-shop:problem:service-unavailable\",\"title\":\"Service "
                                + "Unavailable\",\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            CALLS.add(call);
            HttpResponse<byte[]> response = forward(exchange);
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

    private static HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ProductsService.baseUrl()
                        + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(10))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
