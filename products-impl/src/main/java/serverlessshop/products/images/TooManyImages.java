package serverlessshop.products.images;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class TooManyImages extends ProblemException {

    TooManyImages(UUID productId, int limit) {
        super(
                HttpStatus.CONFLICT,
                "TOO_MANY_IMAGES",
                "The product " + productId + " has " + limit
                        + " images already, the most it may have: delete one first.");
    }
}
