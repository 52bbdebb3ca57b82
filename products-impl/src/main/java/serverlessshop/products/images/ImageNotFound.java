package serverlessshop.products.images;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class ImageNotFound extends ProblemException {

    ImageNotFound(UUID productId, UUID imageId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "The product " + productId + " has no image " + imageId + ".");
    }
}
