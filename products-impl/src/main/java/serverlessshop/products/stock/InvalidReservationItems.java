package serverlessshop.products.stock;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/** Items the schema cannot rule out: a product listed twice, a null item. */
class InvalidReservationItems extends ProblemException {

    InvalidReservationItems(List<FieldProblem> problems) {
        super(
                HttpStatus.BAD_REQUEST,
                "VALIDATION_FAILED",
                problems.size() == 1
                        ? "The field " + problems.getFirst().field() + " "
                                + problems.getFirst().message() + "."
                        : problems.size() + " fields are not valid.",
                Map.of("errors", problems),
                HttpHeaders.EMPTY);
        getBody().setTitle("The request is not valid");
    }
}
