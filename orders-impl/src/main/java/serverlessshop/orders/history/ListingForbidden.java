package serverlessshop.orders.history;

import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class ListingForbidden extends ProblemException {

    ListingForbidden() {
        super(HttpStatus.FORBIDDEN, "FORBIDDEN", "You may list only your own orders.");
    }
}
