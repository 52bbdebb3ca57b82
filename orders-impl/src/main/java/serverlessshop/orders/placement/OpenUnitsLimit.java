package serverlessshop.orders.placement;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/**
 * 409 {@code OPEN_UNITS_LIMIT}: the order would take the customer over the units of a product they
 * may hold in open orders. 409 rather than 422: the same request succeeds once earlier orders ship
 * or are cancelled.
 */
class OpenUnitsLimit extends ProblemException {

    OpenUnitsLimit(int limit, List<String> productIds) {
        super(
                HttpStatus.CONFLICT,
                "OPEN_UNITS_LIMIT",
                (productIds.isEmpty()
                                ? "A product"
                                : (productIds.size() == 1 ? "The product " : "The products ")
                                        + String.join(", ", productIds))
                        + " would go over the " + limit
                        + " units one customer may hold in open orders (pending or confirmed); they count again"
                        + " once orders ship or are cancelled.",
                Map.of(),
                HttpHeaders.EMPTY);
    }
}
