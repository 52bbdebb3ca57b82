package serverlessshop.bench;

import java.util.Map;

/**
 * Whether the saga sold more than there was, from the databases themselves after a sell-out: for
 * each product, the units in placed orders (DynamoDB) against the stock it started with, and the
 * units' bookkeeping in products (stock left + units held by live reservations = stock at the start,
 * since a reservation takes its units out of the stock).
 *
 * @param oversold   units ordered beyond a product's starting stock, summed: must be 0
 * @param unbalanced products whose stock left + held units differs from the starting stock
 * @param ordered    units in placed orders
 * @param initial    units there were
 */
record OversellCheck(int oversold, int unbalanced, int ordered, int initial) {

    static OversellCheck of(
            Map<String, Integer> initialStock,
            Map<String, Integer> stockNow,
            Map<String, Integer> held,
            Map<String, Integer> ordered) {
        int oversold = 0;
        int unbalanced = 0;
        int orderedUnits = 0;
        int initialUnits = 0;
        for (Map.Entry<String, Integer> product : initialStock.entrySet()) {
            String id = product.getKey();
            int start = product.getValue();
            int units = ordered.getOrDefault(id, 0);
            oversold += Math.max(0, units - start);
            if (stockNow.getOrDefault(id, 0) + held.getOrDefault(id, 0) != start) {
                unbalanced++;
            }
            orderedUnits += units;
            initialUnits += start;
        }
        return new OversellCheck(oversold, unbalanced, orderedUnits, initialUnits);
    }

    boolean passed() {
        return oversold == 0 && unbalanced == 0;
    }
}
