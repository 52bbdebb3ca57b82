package serverlessshop.orders.placement;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** 429 {@code RATE_LIMITED}: the customer has placed as many orders as one window allows. */
class TooManyOrders extends ProblemException {

    TooManyOrders(int limit, Duration window, long retryAfterSeconds) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "You can place at most " + limit + " orders every " + window.toSeconds() + " seconds. Try again in "
                        + retryAfterSeconds + " seconds.",
                Map.of(),
                retryAfter(retryAfterSeconds));
    }

    private static HttpHeaders retryAfter(long seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return headers;
    }
}
