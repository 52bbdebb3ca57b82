package serverlessshop.orders.fulfilment;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.support.datastore.DatastoreUnavailable;

/**
 * Returns the stock of cancelled orders. Cancelling marks the order {@code stock_release_pending}
 * in the same write that cancels it; the marker goes once products has released the reservation.
 * When products is unavailable the order stays cancelled with its marker, and the release is tried
 * again on the order's next read or update, and by the scheduled job ({@link #releaseAllPending}).
 * Releasing is idempotent, so trying twice is harmless.
 */
@Service
public class StockReleases {

    private static final Logger log = LoggerFactory.getLogger(StockReleases.class);

    private final OrderRepository orders;
    private final StockReservationsClient stock;

    StockReleases(OrderRepository orders, StockReservationsClient stock) {
        this.orders = orders;
        this.stock = stock;
    }

    /** What one run of the job did. */
    public record Sweep(int released, int stillPending) {}

    /** The order as it is after trying its pending release, if it has one. */
    public StoredOrder releaseIfPending(StoredOrder order) {
        if (!order.isStockReleasePending()) {
            return order;
        }
        UUID reservationId = UUID.fromString(order.reservationId() != null ? order.reservationId() : order.orderId());
        if (!stock.releaseQuietly(reservationId)) {
            return order;
        }
        try {
            return orders.clearStockReleasePending(order);
        } catch (DatastoreUnavailable e) {
            log.warn("Order {}: stock released, the marker stays until the next try", order.orderId());
            return order;
        }
    }

    /** The scheduled job: every cancelled order whose stock is not back yet. */
    public Sweep releaseAllPending() {
        int released = 0;
        int stillPending = 0;
        for (StoredOrder order : orders.withStockReleasePending()) {
            if (releaseIfPending(order).isStockReleasePending()) {
                stillPending++;
            } else {
                released++;
            }
        }
        if (released + stillPending > 0) {
            log.info("Pending stock releases: {} released, {} still pending", released, stillPending);
        }
        return new Sweep(released, stillPending);
    }
}
