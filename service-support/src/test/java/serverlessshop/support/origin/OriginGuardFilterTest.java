package serverlessshop.support.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import serverlessshop.support.lambda.InvocationContext;

/** The guard on its own: which requests reach the service, and what the others are answered. */
class OriginGuardFilterTest {

    // Spring Boot's mapper, which writes a problem's properties (its code) at the top level.
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final String HEADER = "X-Origin-Verify";
    private static final String CURRENT = "current-0f6c1e2a-value";
    private static final String PREVIOUS = "previous-9b3d7c4e-value";

    private final OriginGuardFilter guard = new OriginGuardFilter(HEADER, List.of(CURRENT, PREVIOUS), JSON);

    @Test
    void aRequestWithoutTheHeaderIsRefusedWithA403ProblemAndGoesNoFurther() throws Exception {
        Outcome outcome = run(request());

        assertRefused(outcome);
    }

    @Test
    void aRequestWithAWrongValueIsRefused() throws Exception {
        MockHttpServletRequest request = request();
        request.addHeader(HEADER, CURRENT + "x");

        assertRefused(run(request));
    }

    @Test
    void anEmptyValueIsRefused() throws Exception {
        MockHttpServletRequest request = request();
        request.addHeader(HEADER, "");

        assertRefused(run(request));
    }

    @Test
    void theCurrentValueIsServed() throws Exception {
        MockHttpServletRequest request = request();
        request.addHeader(HEADER, CURRENT);

        assertServed(run(request));
    }

    @Test
    void thePreviousValueIsServedDuringARotation() throws Exception {
        MockHttpServletRequest request = request();
        request.addHeader(HEADER, PREVIOUS);

        assertServed(run(request));
    }

    @Test
    void theHeaderNameIsCaseInsensitiveAsInHttp() throws Exception {
        MockHttpServletRequest request = request();
        request.addHeader(HEADER.toLowerCase(), CURRENT);

        assertServed(run(request));
    }

    @Test
    void aDirectLambdaInvocationCarryingAClientContextIsServedWithoutTheHeader() throws Exception {
        Context direct = mock(Context.class);
        when(direct.getClientContext()).thenReturn(mock(ClientContext.class));
        MockHttpServletRequest request = request();
        request.setAttribute(RequestReader.LAMBDA_CONTEXT_PROPERTY, direct);

        assertServed(run(request));
    }

    @Test
    void anApiGatewayInvocationHasNoClientContextAndStillNeedsTheHeader() throws Exception {
        MockHttpServletRequest request = request();
        request.setAttribute(RequestReader.LAMBDA_CONTEXT_PROPERTY, InvocationContext.of("products"));

        assertRefused(run(request));
    }

    @Test
    void aGuardWithNothingToAcceptIsAMistakeNotAnOpenDoor() {
        assertThatThrownBy(() -> new OriginGuardFilter(HEADER, List.of(" ", ""), JSON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/products");
        request.setRequestURI("/products");
        return request;
    }

    private record Outcome(MockHttpServletResponse response, MockFilterChain chain) {}

    private Outcome run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, response, chain);
        return new Outcome(response, chain);
    }

    private static void assertServed(Outcome outcome) {
        assertThat(outcome.chain().getRequest())
                .as("the request reached the service")
                .isNotNull();
        assertThat(outcome.response().getStatus()).isEqualTo(200);
    }

    private static void assertRefused(Outcome outcome) throws Exception {
        assertThat(outcome.chain().getRequest())
                .as("the request reached the service")
                .isNull();
        assertThat(outcome.response().getStatus()).isEqualTo(403);
        assertThat(outcome.response().getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(outcome.response().getContentAsByteArray());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(problem.path("instance").asText()).isEqualTo("/products");
        assertThat(problem.path("detail").asText()).contains("CloudFront");
        assertThat(outcome.response().getContentAsString()).doesNotContain(CURRENT, PREVIOUS);
    }
}
