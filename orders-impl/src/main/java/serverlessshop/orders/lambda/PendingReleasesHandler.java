package serverlessshop.orders.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.fulfilment.StockReleases;
import serverlessshop.orders.placement.UnconfirmedOrders;
import serverlessshop.support.lambda.InvocationIds;

/**
 * The pending-releases function: returns the stock of cancelled orders whose release products could
 * not confirm when they were cancelled. A Lambda instance is frozen between requests, so an
 * EventBridge schedule invokes this (same image, command overridden to this class). Reading or
 * updating such an order also retries its release; this catches the orders nobody touches. It also
 * settles placed orders whose attempt died before confirming their stock ({@link UnconfirmedOrders}).
 */
public class PendingReleasesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ConfigurableApplicationContext APPLICATION = new SpringApplicationBuilder(OrdersApplication.class)
            .web(WebApplicationType.NONE)
            // It would register a servlet container even in a context without a web server.
            .properties("spring.autoconfigure.exclude="
                    + "org.springframework.cloud.function.serverless.web.ServerlessAutoConfiguration")
            .run();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationIds.during(context, () -> {
            StockReleases.Sweep sweep = APPLICATION.getBean(StockReleases.class).releaseAllPending();
            UnconfirmedOrders.Settled settled = APPLICATION.getBean(UnconfirmedOrders.class).settleAll();
            return Map.<String, Object>of("stock_released", sweep.released(), "still_pending", sweep.stillPending(),
                    "pending_orders_kept", settled.kept(), "pending_orders_undone", settled.undone());
        });
    }
}
