package serverlessshop.orders.placement;

import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** An earlier request with this Idempotency-Key is still placing the order: retry shortly to get its answer. */
class RequestInProgress extends ProblemException {

    RequestInProgress() {
        super(
                HttpStatus.CONFLICT,
                "REQUEST_IN_PROGRESS",
                "An earlier request with this Idempotency-Key is still being processed. Retry shortly.");
    }
}
