package serverlessshop.orders.store;

import serverlessshop.support.problem.ServiceUnavailable;

/** DynamoDB could not be reached or is throttling: the client retries after Retry-After. */
public class OrderStoreUnavailable extends ServiceUnavailable {

    public OrderStoreUnavailable() {
        super("The order store is unavailable for a moment. Try again shortly.", 2);
    }
}
