package serverlessshop.orders.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.OrderLookup;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

/**
 * Moves orders along the state machine. The checks come in the order HTTP asks for: who may see the
 * order (404), who may make this move (403), the client's If-Match (412), the move itself (409).
 * The write is conditioned on the status it was checked against, so a move that raced another one
 * is checked again against what won.
 */
@Service
public class OrderFulfilment {

    private static final int ATTEMPTS = 3;

    private final OrderLookup lookup;
    private final OrderRepository orders;
    private final StockReleases releases;
    private final Clock clock;

    OrderFulfilment(OrderLookup lookup, OrderRepository orders, StockReleases releases, Clock clock) {
        this.lookup = lookup;
        this.orders = orders;
        this.releases = releases;
        this.clock = clock;
    }

    public StoredOrder changeStatus(Caller caller, UUID orderId, String customerId, String ifMatch, OrderStatus to) {
        StoredOrder order = null;
        Instant unacknowledged = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            order = releases.releaseIfPending(lookup.find(caller, orderId, customerId));
            if (unacknowledged != null && order.orderStatus() == to && unacknowledged.equals(order.updatedAt())) {
                // Our last write was made but its answer lost: the SDK's retry found its condition false.
                return order;
            }
            if (!caller.isAdmin() && to != OrderStatus.CANCELLED) {
                throw new MoveForbidden(to);
            }
            Long expectedVersion = ETags.expectedVersion(ifMatch);
            if (expectedVersion != null && !expectedVersion.equals(order.version())) {
                throw ETags.preconditionFailed();
            }
            if (!Transitions.allowed(order.orderStatus(), to)) {
                throw new InvalidTransition(order.orderStatus(), to);
            }
            boolean cancel = to == OrderStatus.CANCELLED;
            Instant now = now();
            Optional<StoredOrder> moved = orders.changeStatus(order, to, expectedVersion, cancel, now);
            if (moved.isPresent()) {
                return cancel ? releases.releaseIfPending(moved.get()) : moved.get();
            }
            unacknowledged = now;
        }
        throw new InvalidTransition(order.orderStatus(), to);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
