package serverlessshop.orders.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.events.model.OrderEvent;
import serverlessshop.orders.notifications.OrderMailer;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The order-mails function: an order event as an EventBridge rule delivers it (the event's
 * {@code detail} is the order event), the customer's mail out. It throws when the mail could not be
 * sent: the asynchronous invocation is retried, then goes to the function's dead-letter queue.
 */
public class OrderMailHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ScheduledFunction FUNCTION = ScheduledFunction.start(
            OrdersApplication.class,
            // It never calls products, and its role may not invoke it: no dry run at start.
            "shop.products.warm-up=false");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(context, application -> {
            Object detail = event == null ? null : event.get("detail");
            if (detail == null) {
                throw new IllegalArgumentException("not an EventBridge event: no detail");
            }
            OrderEvent orderEvent = application.getBean(ObjectMapper.class).convertValue(detail, OrderEvent.class);
            application.getBean(OrderMailer.class).mail(orderEvent);
            return Map.of();
        });
    }
}
