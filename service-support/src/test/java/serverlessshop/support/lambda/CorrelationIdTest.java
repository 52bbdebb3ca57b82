package serverlessshop.support.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which correlation id an invocation logs under: the caller's if well formed, else API Gateway's, else Lambda's. */
class CorrelationIdTest {

    private static final String LAMBDA = "8f5c2a1e-1111-2222-3333-444455556666";

    @Test
    void theCallersWellFormedHeaderWinsWhateverItsCase() {
        assertThat(id("{\"headers\":{\"x-correlation-id\":\"order-42\"},\"requestContext\":{\"requestId\":\"Yc9x=\"}}"))
                .isEqualTo("order-42");
        assertThat(id("{\"headers\":{\"X-Correlation-Id\":\"order-43\"},\"requestContext\":{\"requestId\":\"Yc9x=\"}}"))
                .isEqualTo("order-43");
    }

    @Test
    void aMalformedHeaderFallsBackToApiGatewaysRequestId() {
        assertThat(
                        id(
                                "{\"headers\":{\"x-correlation-id\":\"a\\\"b c\\n\"},\"requestContext\":{\"requestId\":\"Yc9x=\"}}"))
                .isEqualTo("Yc9x=");
        assertThat(id("{\"headers\":{\"x-correlation-id\":\"" + "x".repeat(129) + "\"},"
                        + "\"requestContext\":{\"requestId\":\"Yc9x=\"}}"))
                .isEqualTo("Yc9x=");
    }

    @Test
    void withoutEitherItIsLambdasRequestId() {
        assertThat(id("{}")).isEqualTo(LAMBDA);
        assertThat(id("not json")).isEqualTo(LAMBDA);
    }

    private static String id(String event) {
        return HttpApiFunction.correlationId(event.getBytes(StandardCharsets.UTF_8), LAMBDA);
    }
}
