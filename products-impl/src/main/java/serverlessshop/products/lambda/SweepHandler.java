package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import serverlessshop.products.ProductsApplication;
import serverlessshop.products.stock.ReservationSweeper;
import serverlessshop.support.lambda.InvocationIds;

/**
 * The sweep function: returns the stock of reservations that expired unconfirmed. A Lambda
 * instance is frozen between requests, so the service's own schedule cannot be relied on there;
 * an EventBridge schedule invokes this instead (same image, command overridden to this class).
 * Reserve, confirm, release and read also expire what they find due, so the sweep only catches
 * what nobody touches.
 */
public class SweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Expiring one reservation is a short transaction: a thousand fit well in a minute's run. */
    static final int BATCH = 1000;

    private static final ConfigurableApplicationContext APPLICATION = new SpringApplicationBuilder(ProductsApplication.class)
            .web(WebApplicationType.NONE)
            .properties("shop.reservations.sweep-enabled=false",
                    // It would register a servlet container even in a context without a web server.
                    "spring.autoconfigure.exclude="
                            + "org.springframework.cloud.function.serverless.web.ServerlessAutoConfiguration")
            .run();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationIds.during(context, () ->
                Map.<String, Object>of("reservations_expired", APPLICATION.getBean(ReservationSweeper.class).sweep(BATCH)));
    }
}
