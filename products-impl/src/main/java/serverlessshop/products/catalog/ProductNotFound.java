package serverlessshop.products.catalog;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class ProductNotFound extends ProblemException {

    ProductNotFound(UUID productId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no product " + productId + ".");
    }
}
