package serverlessshop.orders.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.events.OrderEventPublisher;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The order-events function: a batch of the orders table's DynamoDB Stream records in (as Lambda's
 * event source mapping delivers it), their order events out on the bus. It answers the first record
 * not published as a batch item failure (the mapping's {@code ReportBatchItemFailures}), so that
 * Lambda retries from there and the records before it are not published twice.
 */
public class OrderEventsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ScheduledFunction FUNCTION = ScheduledFunction.start(
            OrdersApplication.class,
            // It never calls products, and its role may not invoke it: no dry run at start.
            "shop.products.warm-up=false");

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(context, application -> {
            List<Map<String, Object>> records =
                    event == null ? List.of() : (List<Map<String, Object>>) event.getOrDefault("Records", List.of());
            return Map.of(
                    "batchItemFailures",
                    application
                            .getBean(OrderEventPublisher.class)
                            .publish(records)
                            .map(sequenceNumber -> List.of(Map.of("itemIdentifier", sequenceNumber)))
                            .orElse(List.of()));
        });
    }
}
