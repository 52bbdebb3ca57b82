package serverlessshop.orders.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the order events go.
 *
 * @param bus      the EventBridge bus ({@code ORDER_EVENTS_BUS})
 * @param endpoint another EventBridge API than AWS's: the local cloud's bus ({@code ORDER_EVENTS_ENDPOINT})
 * @param region   the bus's region ({@code AWS_REGION}, which Lambda sets)
 */
@ConfigurationProperties("shop.order-events")
record OrderEventsProperties(String bus, String endpoint, String region) {}
