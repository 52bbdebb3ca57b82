package serverlessshop.orders.history;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import serverlessshop.orders.api.model.OrderPage;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.fulfilment.StockReleases;
import serverlessshop.orders.store.ListPosition;
import serverlessshop.orders.store.OrderListing;
import serverlessshop.orders.store.OrderLookup;
import serverlessshop.orders.store.OrderMapper;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.support.http.Cursors;
import serverlessshop.support.security.Caller;

/** Reads orders: one order for its customer or an administrator, and a customer's orders, newest first. */
@Service
public class OrderHistory {

    private static final String DATE = "d";
    private static final String ID = "i";

    private final OrderLookup lookup;
    private final OrderRepository orders;
    private final StockReleases releases;
    private final Cursors cursors;

    OrderHistory(OrderLookup lookup, OrderRepository orders, StockReleases releases, Cursors cursors) {
        this.lookup = lookup;
        this.orders = orders;
        this.releases = releases;
        this.cursors = cursors;
    }

    /** The order; a cancelled one whose stock is not back yet gets another try at its release. */
    public StoredOrder get(Caller caller, UUID orderId, String customerId) {
        return releases.releaseIfPending(lookup.find(caller, orderId, customerId));
    }

    /** One page of the customer's orders; only the customer and administrators may list them. */
    public OrderPage list(Caller caller, String customerId, int limit, String cursor, OrderStatus status) {
        if (!caller.isAdmin() && !customerId.equals(caller.subject())) {
            throw new ListingForbidden();
        }
        ListPosition after = null;
        if (cursor != null) {
            Map<String, String> position = cursors.decode(cursor, List.of(DATE, ID));
            after = new ListPosition(position.get(DATE), position.get(ID));
        }
        OrderListing listing = orders.listByCustomer(customerId, status, limit, after);
        ListPosition next = listing.next();
        return OrderMapper.toApi(
                listing.orders(),
                next == null ? null : cursors.encode(Map.of(DATE, next.orderDate(), ID, next.orderId())));
    }
}
