package serverlessshop.orders.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.fulfilment.StockReleases;
import serverlessshop.orders.placement.UnconfirmedOrders;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The pending-releases function: returns the stock of cancelled orders whose release products could
 * not confirm when they were cancelled. Reading or updating such an order also retries its release;
 * this catches the orders nobody touches. It also settles placed orders whose attempt died before
 * confirming their stock ({@link UnconfirmedOrders}).
 */
public class PendingReleasesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ScheduledFunction FUNCTION = ScheduledFunction.start(OrdersApplication.class);

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(context, application -> {
            StockReleases.Sweep sweep = application.getBean(StockReleases.class).releaseAllPending();
            UnconfirmedOrders.Settled settled =
                    application.getBean(UnconfirmedOrders.class).settleAll();
            return Map.of(
                    "stock_released",
                    sweep.released(),
                    "still_pending",
                    sweep.stillPending(),
                    "pending_orders_kept",
                    settled.kept(),
                    "pending_orders_undone",
                    settled.undone());
        });
    }
}
