package serverlessshop.orders.store;

import java.math.BigDecimal;

/**
 * One line of an order with the product's name and unit price when it was ordered (the products
 * reservation's, never the client's), stored as a map in the {@code items} list.
 */
public record StoredLine(String productId, String productName, int quantity, BigDecimal pricePerUnit) {

    public BigDecimal lineTotal() {
        return pricePerUnit.multiply(BigDecimal.valueOf(quantity));
    }
}
