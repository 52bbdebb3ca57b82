package serverlessshop.orders.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.fulfilment.StockReleases;
import serverlessshop.orders.placement.UnconfirmedOrders;
import serverlessshop.orders.store.PendingJobsBackfill;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The pending-releases function: returns the stock of cancelled orders whose release products could
 * not confirm when they were cancelled. Reading or updating such an order also retries its release;
 * this catches the orders nobody touches. It also settles placed orders whose attempt died before
 * confirming their stock ({@link UnconfirmedOrders}). Both read the orders marked for them (an
 * index), not the table; until the one-off marking of orders written before the marker is complete
 * ({@link PendingJobsBackfill}), each run first goes on with it, for at most half its remaining time.
 * The event {@code {"pending_jobs_backfill": "restart"}} starts that marking again from the table's
 * start (docs/decisions/0012); the schedule's event is empty.
 */
public class PendingReleasesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ScheduledFunction FUNCTION = ScheduledFunction.start(OrdersApplication.class);

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(context, application -> {
            PendingJobsBackfill backfill = application.getBean(PendingJobsBackfill.class);
            if (event != null && RESTART.equals(event.get(BACKFILL))) {
                backfill.restart();
            }
            PendingJobsBackfill.Run marking = backfill.run(budget(context));
            StockReleases.Sweep sweep = application.getBean(StockReleases.class).releaseAllPending();
            UnconfirmedOrders.Settled settled =
                    application.getBean(UnconfirmedOrders.class).settleAll();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("stock_released", sweep.released());
            answer.put("still_pending", sweep.stillPending());
            answer.put("pending_orders_kept", settled.kept());
            answer.put("pending_orders_undone", settled.undone());
            answer.put("backfill_complete", marking.complete());
            answer.put("backfill_marked", marking.marked());
            return answer;
        });
    }

    private static final String BACKFILL = "pending_jobs_backfill";
    private static final String RESTART = "restart";

    /** Half of what the invocation has left, so that the jobs still run after the marking's share. */
    private static Duration budget(Context context) {
        return context == null
                ? Duration.ofSeconds(30)
                : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis() / 2));
    }
}
