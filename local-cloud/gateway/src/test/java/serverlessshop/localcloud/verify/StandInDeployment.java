package serverlessshop.localcloud.verify;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.support.testing.http.StandInServer;

/**
 * A deployment built on a running stack: every request passes through to it unchanged, except that
 * one route can be made to answer a status no contract declares (418), and the local issuer can be
 * hidden, as an AWS stage has none.
 */
final class StandInDeployment implements AutoCloseable {

    /** Headers the client sets itself: they are not copied across. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "host",
            "connection",
            "content-length",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "keep-alive",
            "expect",
            "te",
            "trailer");

    private final StandInServer server;
    private final String stack;
    private final String teapotMethod;
    private final Pattern teapotPath;
    private final boolean hideIssuer;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private StandInDeployment(String stack, String teapotMethod, Pattern teapotPath, boolean hideIssuer) {
        this.stack = stack;
        this.teapotMethod = teapotMethod;
        this.teapotPath = teapotPath;
        this.hideIssuer = hideIssuer;
        server = StandInServer.start(this::handle);
    }

    /** {@code method} on paths matching {@code path} answers 418; everything else is the stack's. */
    static StandInDeployment teapotOn(String stack, String method, String path) {
        return new StandInDeployment(stack, method, Pattern.compile(path), false);
    }

    /** The stack without its issuers: /oauth2 and /admin-oauth2 are not there. */
    static StandInDeployment withoutIssuer(String stack) {
        return new StandInDeployment(stack, null, null, true);
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestMethod().equals(teapotMethod)
                    && teapotPath.matcher(path).matches()) {
                StandInServer.reply(
                        exchange,
                        418,
                        "application/problem+json",
                        "{\"type\":\"urn:example:teapot\",\"title\":\"I'm a teapot\",\"status\":418,\"code\":\"TEAPOT\"}");
                return;
            }
            if (hideIssuer && LocalIssuer.handles(path)) {
                StandInServer.reply(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
                return;
            }
            pass(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pass(HttpExchange exchange) throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stack + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
