package serverlessshop.support.testing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The HTTP server under a test's stand-in for a remote service (an AWS API, Cognito's token endpoint,
 * a deployment): the JDK's own server on a free loopback port, one virtual thread an exchange, so a
 * stand-in that calls out while answering never holds up the next request. The stand-in is the
 * handler; this is only where it listens and how it answers.
 */
public final class StandInServer implements AutoCloseable {

    private final HttpServer server;

    private StandInServer(HttpServer server) {
        this.server = server;
    }

    /** Listening from now on, every path to this handler, until {@link #close()}. */
    public static StandInServer start(HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return new StandInServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The whole answer at once: status, {@code Content-Type} and body (headers set before it stay). */
    public static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@link #reply(HttpExchange, int, String, byte[])} with the body in UTF-8. */
    public static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        reply(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
