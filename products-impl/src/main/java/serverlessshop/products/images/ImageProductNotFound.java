package serverlessshop.products.images;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class ImageProductNotFound extends ProblemException {

    ImageProductNotFound(UUID productId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no product " + productId + ".");
    }
}
