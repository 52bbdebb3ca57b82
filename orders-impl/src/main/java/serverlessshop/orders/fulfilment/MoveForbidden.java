package serverlessshop.orders.fulfilment;

import org.springframework.http.HttpStatus;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.support.problem.ProblemException;

/** The order's customer may only cancel it; moving it forward is for administrators. */
class MoveForbidden extends ProblemException {

    MoveForbidden(OrderStatus to) {
        super(
                HttpStatus.FORBIDDEN,
                "FORBIDDEN",
                "Only an administrator may mark an order " + to
                        + "; you may cancel your order while it is PENDING or CONFIRMED.");
    }
}
