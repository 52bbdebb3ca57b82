package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import serverlessshop.products.ProductsApplication;
import serverlessshop.products.stock.ReservationSweeper;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The sweep function: returns the stock of reservations that expired unconfirmed. An EventBridge
 * schedule invokes it in place of the service's own schedule, which is off here. Reserve, confirm,
 * release and read also expire what they find due, so the sweep only catches what nobody touches.
 */
public class SweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Expiring one reservation is a short transaction: a thousand fit well in a minute's run. */
    static final int BATCH = 1000;

    private static final ScheduledFunction FUNCTION =
            ScheduledFunction.start(ProductsApplication.class, "shop.reservations.sweep-enabled=false");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(
                context,
                application -> Map.of(
                        "reservations_expired",
                        application.getBean(ReservationSweeper.class).sweep(BATCH)));
    }
}
