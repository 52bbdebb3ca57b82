package serverlessshop.orders.stock;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/** Items whose product does not exist or is not for sale: retrying cannot help. */
public class ProductsNotForSale extends ProblemException {

    public ProductsNotForSale(List<FieldProblem> items) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "UNKNOWN_PRODUCT",
                items.size() == 1
                        ? "The product of " + items.getFirst().field() + " does not exist or is not for sale."
                        : items.size() + " products do not exist or are not for sale.",
                Map.of("errors", items),
                HttpHeaders.EMPTY);
    }
}
