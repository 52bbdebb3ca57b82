package serverlessshop.orders.fulfilment;

import org.springframework.http.HttpStatus;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.support.problem.ProblemException;

class InvalidTransition extends ProblemException {

    InvalidTransition(OrderStatus from, OrderStatus to) {
        super(HttpStatus.CONFLICT, "INVALID_TRANSITION", "An order that is " + from + " cannot become " + to + ".");
    }
}
