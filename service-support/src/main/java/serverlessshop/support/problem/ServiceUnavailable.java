package serverlessshop.support.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A dependency is unavailable for a moment: 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After},
 * as the contracts declare it, so that clients wait and retry instead of giving up.
 */
public class ServiceUnavailable extends ProblemException {

    public ServiceUnavailable(String detail, int retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", detail, Map.of(), retryAfter(retryAfterSeconds));
    }

    private static HttpHeaders retryAfter(int seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        return headers;
    }
}
