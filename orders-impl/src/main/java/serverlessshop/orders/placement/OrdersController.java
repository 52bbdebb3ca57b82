package serverlessshop.orders.placement;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.orders.api.OrdersApi;
import serverlessshop.orders.api.model.Order;
import serverlessshop.orders.api.model.OrderCreate;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.api.model.OrderStatusUpdate;
import serverlessshop.orders.fulfilment.OrderFulfilment;
import serverlessshop.orders.history.OrderHistory;
import serverlessshop.orders.store.OrderMapper;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

@RestController
class OrdersController implements OrdersApi {

    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final OrderPlacement placement;
    private final OrderHistory history;
    private final OrderFulfilment fulfilment;

    OrdersController(OrderPlacement placement, OrderHistory history, OrderFulfilment fulfilment) {
        this.placement = placement;
        this.history = history;
        this.fulfilment = fulfilment;
    }

    @Override
    public ResponseEntity<Order> createOrder(String idempotencyKey, OrderCreate orderCreate) {
        PlacedOrder placed = placement.place(Caller.current().subject(), idempotencyKey, orderCreate);
        StoredOrder order = placed.order();
        var response =
                ResponseEntity.created(URI.create("/orders/" + order.orderId())).eTag(ETags.of(order.version()));
        if (placed.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(OrderMapper.toApi(order));
    }

    @Override
    public ResponseEntity<Order> getOrder(UUID orderId, String customerId) {
        return withETag(history.get(Caller.current(), orderId, customerId));
    }

    @Override
    public ResponseEntity<Order> updateOrderStatus(
            UUID orderId, OrderStatusUpdate orderStatusUpdate, String customerId, String ifMatch) {
        OrderStatus to =
                OrderStatus.fromValue(orderStatusUpdate.getOrderStatus().getValue());
        return withETag(fulfilment.changeStatus(Caller.current(), orderId, customerId, ifMatch, to));
    }

    private static ResponseEntity<Order> withETag(StoredOrder order) {
        return ResponseEntity.ok().eTag(ETags.of(order.version())).body(OrderMapper.toApi(order));
    }
}
