package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API reachable only through the shop's address, over HTTP against the whole local cloud: the
 * front door (CloudFront) adds the origin header to the API's requests; the API's own endpoint
 * (execute-api) adds nothing, so the real products function refuses what reaches it there without the
 * value. The stack runs as during a rotation: the functions accept a new value and the one it replaces,
 * and the front door adds the new one.
 */
class GatewayOriginGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "X-Origin-Verify";
    private static final String CURRENT = "new-" + UUID.randomUUID();
    private static final String PREVIOUS = "old-" + UUID.randomUUID();

    private static RunningLocalCloud stack;

    @BeforeAll
    static void startTheStackDuringARotation() throws Exception {
        stack = RunningLocalCloud.start("--function-env", "SHOP_ORIGIN_VALUES=" + CURRENT + "," + PREVIOUS);
        // The first request starts each function cold; on a busy machine that can outlast API Gateway's
        // 30 s (a 503), which is not what these tests are about.
        for (String function : new String[] {"/products", "/customers/alice/orders"}) {
            warm(function);
        }
    }

    private static void warm(String path) throws Exception {
        String token = path.startsWith("/customers") ? stack.issuer().signIn("alice") : null;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (stack.send("GET", path, token, null).statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void throughTheFrontDoorTheApiAnswers() throws Exception {
        assertThat(get(stack.base(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void throughTheFrontDoorAValueTheClientSendsIsReplacedByTheFrontDoorsOwn() throws Exception {
        assertThat(get(stack.base(), "a-guess").statusCode()).isEqualTo(200);
    }

    @Test
    void directlyWithoutTheHeaderTheFunctionAnswers403ProblemJson() throws Exception {
        assertRefused(get(stack.apiEndpoint(), null));
    }

    @Test
    void directlyWithAWrongValueTheFunctionAnswers403() throws Exception {
        assertRefused(get(stack.apiEndpoint(), CURRENT + "0"));
    }

    @Test
    void directlyDuringARotationTheNewAndTheReplacedValueBothPass() throws Exception {
        assertThat(get(stack.apiEndpoint(), CURRENT).statusCode()).isEqualTo(200);
        assertThat(get(stack.apiEndpoint(), PREVIOUS).statusCode()).isEqualTo(200);
    }

    /** The orders function too: with a customer's valid token, through the front door and not around it. */
    @Test
    void ordersServesACustomerThroughTheFrontDoorAndRefusesTheSameRequestDirectly() throws Exception {
        String alice = stack.issuer().signIn("alice");
        HttpRequest.Builder front = HttpRequest.newBuilder(URI.create(stack.base() + "/customers/alice/orders"))
                .header("Authorization", "Bearer " + alice)
                .timeout(Duration.ofSeconds(60));
        HttpRequest.Builder direct = HttpRequest.newBuilder(URI.create(stack.apiEndpoint() + "/customers/alice/orders"))
                .header("Authorization", "Bearer " + alice)
                .timeout(Duration.ofSeconds(60));

        assertThat(stack.send(front.build()).statusCode()).isEqualTo(200);
        assertRefused(stack.send(direct.build()));
        assertThat(stack.send(direct.header(HEADER, PREVIOUS).build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theApisOwnEndpointServesNothingButTheApi() throws Exception {
        HttpResponse<String> page = stack.send(HttpRequest.newBuilder(URI.create(stack.apiEndpoint() + "/"))
                .timeout(Duration.ofSeconds(60))
                .build());
        assertThat(page.statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String base, String originValue) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + "/products")).timeout(Duration.ofSeconds(60));
        if (originValue != null) {
            request.header(HEADER, originValue);
        }
        return stack.send(request.build());
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(response.body()).doesNotContain(CURRENT, PREVIOUS);
    }
}
