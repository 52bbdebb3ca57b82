package serverlessshop.products.stock;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** The id is taken by a reservation of other items: a client bug, never a retry. */
class ReservationMismatch extends ProblemException {

    ReservationMismatch(UUID reservationId) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "RESERVATION_MISMATCH",
                "The reservation " + reservationId + " already exists with other items.");
    }
}
