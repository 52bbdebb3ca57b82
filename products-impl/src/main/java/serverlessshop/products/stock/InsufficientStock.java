package serverlessshop.products.stock;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.products.api.model.StockShortage;
import serverlessshop.support.problem.ProblemException;

/** Not enough stock for one or more products; nothing was reserved. */
class InsufficientStock extends ProblemException {

    private final List<String> productIds;

    InsufficientStock(List<StockShortage> shortages) {
        super(
                HttpStatus.CONFLICT,
                "INSUFFICIENT_STOCK",
                shortages.size() == 1
                        ? "The product " + shortages.getFirst().getProductId() + " does not have enough stock."
                        : shortages.size() + " products do not have enough stock.",
                Map.of("shortages", shortages),
                HttpHeaders.EMPTY);
        this.productIds = shortages.stream()
                .map(shortage -> shortage.getProductId().toString())
                .toList();
    }

    List<String> productIds() {
        return productIds;
    }
}
