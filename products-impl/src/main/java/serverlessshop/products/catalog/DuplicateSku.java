package serverlessshop.products.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

class DuplicateSku extends ProblemException {

    DuplicateSku(String sku) {
        super(
                HttpStatus.CONFLICT,
                "DUPLICATE_SKU",
                "Another product already has the SKU " + sku + ".",
                Map.of("errors", List.of(FieldProblem.body("sku", "is already used by another product"))),
                HttpHeaders.EMPTY);
    }
}
