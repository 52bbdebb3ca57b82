package serverlessshop.support.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the API answers on purpose: a status, a stable {@code code} and a detail for people.
 * Services throw it (or a subclass named after the situation) and the problem handler renders it.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of(), HttpHeaders.EMPTY);
    }

    public ProblemException(
            HttpStatus status, String code, String detail, Map<String, Object> properties, HttpHeaders headers) {
        super(status, Problems.of(status, code, detail, properties), null);
        getHeaders().addAll(headers);
    }

    /** A problem built elsewhere, e.g. {@link Problems#validationFailed}. */
    public ProblemException(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    public String code() {
        return Problems.code(getBody());
    }

    /** Problem bodies are the answer, not a diagnostic: no stack trace is captured or logged. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
