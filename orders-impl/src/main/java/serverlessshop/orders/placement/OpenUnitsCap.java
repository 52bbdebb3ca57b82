package serverlessshop.orders.placement;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import serverlessshop.orders.store.OpenUnits;
import serverlessshop.products.client.model.ReservationItemRequest;

/**
 * How many units of one product a customer may hold in open orders (OWASP API4 and API6: with stock
 * taken at placement, one scripted account could otherwise hold a product's whole stock). The
 * counters are in the orders table ({@link OpenUnits}); the check here comes before any stock is
 * reserved, and the write of the placed order checks again in the same transaction that counts its
 * units, so two orders racing for the last units cannot both get them. 0 turns the limit off
 * ({@code ORDERS_MAX_OPEN_UNITS_PER_PRODUCT}); load tests set their own.
 */
@Service
class OpenUnitsCap {

    private final OpenUnits openUnits;
    private final int limit;

    OpenUnitsCap(OpenUnits openUnits, @Value("${shop.orders.max-open-units-per-product}") int limit) {
        if (limit < 0) {
            throw new IllegalStateException(
                    "ORDERS_MAX_OPEN_UNITS_PER_PRODUCT must be 0 (off) or more; it is " + limit);
        }
        this.openUnits = openUnits;
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Refuses the order (409) when a product in it would take the customer over the limit. */
    void check(String customerId, List<ReservationItemRequest> items) {
        if (limit == 0) {
            return;
        }
        List<ReservationItemRequest> overAlone =
                items.stream().filter(item -> item.getQuantity() > limit).toList();
        Map<String, Integer> held = overAlone.isEmpty()
                ? openUnits.held(
                        customerId,
                        items.stream()
                                .map(item -> item.getProductId().toString())
                                .toList())
                : Map.of();
        List<String> over = items.stream()
                .filter(item -> item.getQuantity()
                                + held.getOrDefault(item.getProductId().toString(), 0)
                        > limit)
                .map(item -> item.getProductId().toString())
                .toList();
        if (!over.isEmpty()) {
            throw new OpenUnitsLimit(limit, over);
        }
    }
}
