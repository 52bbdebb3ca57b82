package serverlessshop.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import serverlessshop.support.logging.CorrelationIds;

/** A 500 names the id its log lines carry (the contract's request_id), so a report can be matched to them. */
class UnexpectedErrorRequestIdTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theProblemCarriesTheRequestsCorrelationId() {
        MDC.put(CorrelationIds.CORRELATION_ID, "checkout-42");

        ResponseEntity<Object> answer = new ProblemExceptionHandler()
                .unexpected(
                        new IllegalStateException("boom"),
                        new ServletWebRequest(new MockHttpServletRequest("GET", "/orders")));

        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(problem.getProperties())
                .containsEntry("request_id", "checkout-42")
                .containsEntry("code", "INTERNAL_ERROR");
        assertThat(problem.getDetail()).doesNotContain("boom");
    }
}
