package serverlessshop.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy does to a request what its policy says, and counts it: what the invariant's counts rest on. */
class FaultProxyTest {

    private final AtomicInteger received = new AtomicInteger();
    private final FaultCounts counts = new FaultCounts();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private HttpServer upstream;

    @BeforeEach
    void upstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        upstream.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            byte[] answer = ("got " + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    @Test
    void passesRequestsOnOneConnectionAndCountsNothing() throws Exception {
        try (FaultProxy proxy = proxy(head -> FaultProxy.Decision.PASS)) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(proxy, "body " + i).body()).isEqualTo("got body " + i);
            }
        }
        assertThat(received).hasValue(3);
        assertThat(counts.total()).isZero();
    }

    @Test
    void aRefusedRequestNeverReachesTheUpstream() throws Exception {
        try (FaultProxy proxy = proxy(head -> FaultProxy.Decision.refuse("refused"))) {
            assertThatThrownBy(() -> post(proxy, "x")).isInstanceOf(IOException.class);
        }
        assertThat(received).hasValue(0);
        assertThat(counts.of("refused")).isEqualTo(1);
    }

    @Test
    void aLostAnswerReachesTheUpstreamButNotTheCaller() throws Exception {
        try (FaultProxy proxy = proxy(head -> FaultProxy.Decision.loseAnswer("lost"))) {
            assertThatThrownBy(() -> post(proxy, "x")).isInstanceOf(IOException.class);
        }
        assertThat(received).hasValue(1);
        assertThat(counts.of("lost")).isEqualTo(1);
    }

    @Test
    void anInjectedAnswerIsTheCallersAndTheUpstreamSeesNothing() throws Exception {
        try (FaultProxy proxy = proxy(head -> head.startsWith("POST")
                ? FaultProxy.Decision.answer("500", 500, "Internal Server Error", "application/json", "{\"a\":1}")
                : FaultProxy.Decision.PASS)) {
            HttpResponse<String> answer = post(proxy, "x");
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).isEqualTo("{\"a\":1}");
        }
        assertThat(received).hasValue(0);
        assertThat(counts.of("500")).isEqualTo(1);
    }

    private FaultProxy proxy(FaultProxy.Policy policy) throws IOException {
        FaultProxy proxy = FaultProxy.start(counts, policy);
        proxy.upstream(upstream.getAddress().getPort());
        return proxy;
    }

    private HttpResponse<String> post(FaultProxy proxy, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + "/x"))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
