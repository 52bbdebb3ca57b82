package serverlessshop.orders.store;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import serverlessshop.support.security.Caller;

/**
 * Finds an order for a caller, the object-level check of reads and status changes: its customer
 * and administrators see it, anybody else gets 404, exactly as for an order that does not exist.
 */
@Component
public class OrderLookup {

    private final OrderRepository orders;

    public OrderLookup(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * The placed order, if the caller may see it.
     *
     * @param customerId the {@code customer_id} the client named, or null; when given it must be the order's
     * @throws OrderNotFound when there is no such order or the caller may not see it
     */
    public StoredOrder find(Caller caller, UUID orderId, String customerId) {
        return lookUp(caller, orderId.toString(), customerId).orElseThrow(() -> new OrderNotFound(orderId));
    }

    private Optional<StoredOrder> lookUp(Caller caller, String orderId, String customerId) {
        if (caller.isAdmin()) {
            return customerId == null ? orders.findPlaced(orderId) : orders.findPlaced(orderId, customerId);
        }
        if (customerId != null && !customerId.equals(caller.subject())) {
            return Optional.empty();
        }
        // A customer's own key: another customer's order with this id is simply not found.
        return orders.findPlaced(orderId, caller.subject());
    }
}
