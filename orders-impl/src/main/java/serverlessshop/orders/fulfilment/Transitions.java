package serverlessshop.orders.fulfilment;

import static serverlessshop.orders.api.model.OrderStatus.CANCELLED;
import static serverlessshop.orders.api.model.OrderStatus.CONFIRMED;
import static serverlessshop.orders.api.model.OrderStatus.DELIVERED;
import static serverlessshop.orders.api.model.OrderStatus.PENDING;
import static serverlessshop.orders.api.model.OrderStatus.SHIPPED;

import java.util.Map;
import java.util.Set;
import serverlessshop.orders.api.model.OrderStatus;

/**
 * The order state machine: {@code PENDING -> CONFIRMED -> SHIPPED -> DELIVERED}, and
 * {@code PENDING|CONFIRMED -> CANCELLED}. Staying put is not a move.
 */
final class Transitions {

    private static final Map<OrderStatus, Set<OrderStatus>> MOVES = Map.of(
            PENDING, Set.of(CONFIRMED, CANCELLED),
            CONFIRMED, Set.of(SHIPPED, CANCELLED),
            SHIPPED, Set.of(DELIVERED));

    private Transitions() {}

    static boolean allowed(OrderStatus from, OrderStatus to) {
        return MOVES.getOrDefault(from, Set.of()).contains(to);
    }
}
