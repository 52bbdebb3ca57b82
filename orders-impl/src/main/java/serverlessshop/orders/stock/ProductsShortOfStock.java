package serverlessshop.orders.stock;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.orders.api.model.StockShortage;
import serverlessshop.support.problem.ProblemException;

/** Products could not reserve every item: nothing was reserved, and each short product is named. */
public class ProductsShortOfStock extends ProblemException {

    public ProductsShortOfStock(List<StockShortage> shortages) {
        super(
                HttpStatus.CONFLICT,
                "INSUFFICIENT_STOCK",
                shortages.size() == 1
                        ? "The product " + shortages.getFirst().getProductId() + " does not have enough stock."
                        : shortages.size() + " products do not have enough stock.",
                Map.of("shortages", shortages),
                HttpHeaders.EMPTY);
    }
}
