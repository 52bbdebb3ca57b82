package serverlessshop.products.categories;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

class DuplicateSlug extends ProblemException {

    DuplicateSlug(String slug) {
        super(
                HttpStatus.CONFLICT,
                "DUPLICATE_SLUG",
                "Another category already has the slug " + slug + ".",
                Map.of("errors", List.of(FieldProblem.body("slug", "is already used by another category"))),
                HttpHeaders.EMPTY);
    }
}
