package serverlessshop.orders.history;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.orders.api.CustomerOrdersApi;
import serverlessshop.orders.api.model.OrderPage;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.support.security.Caller;

@RestController
class CustomerOrdersController implements CustomerOrdersApi {

    private final OrderHistory history;

    CustomerOrdersController(OrderHistory history) {
        this.history = history;
    }

    @Override
    public ResponseEntity<OrderPage> listCustomerOrders(
            String customerId, Integer limit, String cursor, OrderStatus status) {
        return ResponseEntity.ok(history.list(Caller.current(), customerId, limit, cursor, status));
    }
}
