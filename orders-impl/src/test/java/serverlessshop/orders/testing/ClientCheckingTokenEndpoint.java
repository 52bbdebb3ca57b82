package serverlessshop.orders.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.http.StandInServer;

/**
 * Cognito's client authentication in front of the test issuer, which itself accepts any secret: a
 * token request passes to the real issuer's token endpoint only with the machine client's id and the
 * secret this holds as current; any other is answered as Cognito's {@code /oauth2/token} answers a
 * wrong client secret (400, {@code invalid_client}). {@link #rotate} changes the current secret, as a
 * rotation does. The client secret of every token request is recorded for the test to check.
 */
public final class ClientCheckingTokenEndpoint implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<String> secretsShown = new CopyOnWriteArrayList<>();
    private final StandInServer server;
    private volatile String secret;

    public ClientCheckingTokenEndpoint(String secret) {
        this.secret = secret;
        server = StandInServer.start(this::handle);
    }

    public String tokenUrl() {
        return server.url() + "/oauth2/token";
    }

    /** From now on only this secret is accepted. */
    public void rotate(String newSecret) {
        secret = newSecret;
    }

    /** The client secret of each token request so far, in order. */
    public List<String> secretsShown() {
        return List.copyOf(secretsShown);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] client = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            if (client != null) {
                secretsShown.add(client[1]);
            }
            if (client == null || !client[0].equals(TestIssuer.MACHINE_CLIENT) || !client[1].equals(secret)) {
                StandInServer.reply(exchange, 400, "application/json;charset=UTF-8", "{\"error\":\"invalid_client\"}");
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(TestIssuer.tokenEndpoint()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                    .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            StandInServer.reply(
                    exchange,
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse("application/json"),
                    answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** RFC 6749 2.3.1: id and secret, each form-encoded, in HTTP Basic; null when there is none. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[] {
            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
