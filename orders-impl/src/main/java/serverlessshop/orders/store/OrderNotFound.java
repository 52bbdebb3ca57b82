package serverlessshop.orders.store;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** No such order, or one the caller may not see: the same answer, so that it tells nothing. */
public class OrderNotFound extends ProblemException {

    public OrderNotFound(UUID orderId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no order " + orderId + ".");
    }
}
