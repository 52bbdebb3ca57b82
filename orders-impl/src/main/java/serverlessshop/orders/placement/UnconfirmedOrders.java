package serverlessshop.orders.placement;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.stock.ProductsReservationClosed;
import serverlessshop.orders.stock.ProductsUnavailable;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;

/**
 * Placed orders whose reservation was never confirmed: the attempt that wrote the order died (or lost
 * products) before the saga's last step. Left alone, the reservation would expire and give the stock
 * back while the order still stood on it. Confirming is safe to repeat, so a replay of the order and a
 * scheduled job confirm it; one whose reservation is already closed was never confirmed, so nobody
 * was told of it: it is undone, as its attempt would have done.
 */
@Component
public class UnconfirmedOrders {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedOrders.class);

    private final OrderRepository orders;
    private final StockReservationsClient stock;
    private final Clock clock;

    UnconfirmedOrders(OrderRepository orders, StockReservationsClient stock, Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.clock = clock;
    }

    /** What one run of the job did. */
    /** @param kept PENDING orders whose reservation is confirmed (now or before); @param undone deleted */
    public record Settled(int kept, int undone) {}

    /**
     * Confirms a PENDING order's reservation (a no-op once it is confirmed); false when the reservation
     * had closed first and the order was deleted.
     *
     * @throws ProductsUnavailable when products did not answer: the order stays as it is
     */
    boolean settle(StoredOrder order) {
        if (order.orderStatus() != OrderStatus.PENDING || order.reservationId() == null) {
            return true;
        }
        try {
            stock.confirm(UUID.fromString(order.reservationId()));
            return true;
        } catch (ProductsReservationClosed closed) {
            log.warn(
                    "Order {}: its reservation {} closed before it was confirmed; the order is undone",
                    order.orderId(),
                    order.reservationId());
            orders.deletePlaced(order);
            return false;
        }
    }

    /** The scheduled job: every PENDING order older than any attempt in progress, settled. */
    public Settled settleAll() {
        int kept = 0;
        int undone = 0;
        Instant before = clock.instant().minus(OrderPlacement.STALE_CLAIM);
        for (StoredOrder order : orders.pendingPlacedBefore(before)) {
            try {
                if (settle(order)) {
                    kept++;
                } else {
                    undone++;
                }
            } catch (ProductsUnavailable e) {
                log.warn("Order {}: products unavailable; settled by the next run", order.orderId());
            }
        }
        return new Settled(kept, undone);
    }
}
