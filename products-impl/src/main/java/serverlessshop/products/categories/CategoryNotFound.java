package serverlessshop.products.categories;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

class CategoryNotFound extends ProblemException {

    CategoryNotFound(UUID categoryId) {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no category " + categoryId + ".");
    }
}
