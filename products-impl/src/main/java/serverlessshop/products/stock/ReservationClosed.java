package serverlessshop.products.stock;

import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.support.problem.ProblemException;

/** A released or expired reservation is final: its id can neither take stock again nor be confirmed. */
class ReservationClosed extends ProblemException {

    ReservationClosed(UUID reservationId, ReservationStatus status) {
        super(
                HttpStatus.CONFLICT,
                "RESERVATION_CLOSED",
                "The reservation " + reservationId + " is " + status.getValue().toLowerCase(Locale.ROOT)
                        + ": it cannot change any more.");
    }
}
