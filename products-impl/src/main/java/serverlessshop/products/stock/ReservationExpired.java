package serverlessshop.products.stock;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** The reservation was past its expiry when it was to be confirmed: it expired, and its stock returned. */
class ReservationExpired extends ProblemException {

    ReservationExpired(UUID reservationId) {
        super(
                HttpStatus.CONFLICT,
                "RESERVATION_EXPIRED",
                "The reservation " + reservationId + " expired before it was confirmed; its stock was returned.");
    }
}
