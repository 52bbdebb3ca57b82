package serverlessshop.products.stock;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class ReservationNotFound extends ProblemException {

    ReservationNotFound(UUID reservationId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no reservation " + reservationId + ".");
    }
}
