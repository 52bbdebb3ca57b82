package serverlessshop.products.stock;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/** Products that do not exist or are not for sale: retrying cannot help, so this wins over a shortage. */
class UnknownProducts extends ProblemException {

    UnknownProducts(List<RequestedItem> items) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "UNKNOWN_PRODUCT",
                items.size() == 1
                        ? "The product " + items.getFirst().productId() + " does not exist or is not for sale."
                        : items.size() + " products do not exist or are not for sale.",
                Map.of(
                        "errors",
                        items.stream()
                                .sorted(Comparator.comparingInt(RequestedItem::index))
                                .map(item -> FieldProblem.body(item.field(), "is not a product for sale"))
                                .toList()),
                HttpHeaders.EMPTY);
    }
}
