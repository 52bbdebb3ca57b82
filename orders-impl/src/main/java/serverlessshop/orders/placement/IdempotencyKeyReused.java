package serverlessshop.orders.placement;

import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** The key placed (or is placing) another order: a client bug, never a retry. */
class IdempotencyKeyReused extends ProblemException {

    IdempotencyKeyReused() {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was used for another request: use a new key for a new order.");
    }
}
