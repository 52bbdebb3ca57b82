package serverlessshop.orders.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import serverlessshop.orders.store.OrderCreationCounters;

/**
 * How many new orders one customer may start per window (OWASP API4, unrestricted resource
 * consumption: every order holds stock for minutes). A fixed window counted in DynamoDB, so the
 * limit holds however many Lambda instances serve the customer. Only new orders count: a replay of
 * an order already placed, a request refused by an earlier check, and a request this limit refuses
 * do not. The default is far above what a shopper does by hand; load tests set their own
 * ({@code ORDERS_CREATE_RATE_LIMIT}), and 0 turns the limit off.
 */
@Service
class OrderCreationRate {

    /** The counter of a window outlives it a little, for clocks that disagree by a few seconds. */
    private static final Duration KEEP_AFTER_WINDOW = Duration.ofMinutes(5);

    private final OrderCreationCounters counters;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    OrderCreationRate(
            OrderCreationCounters counters,
            Clock clock,
            @Value("${shop.orders.create-rate.limit}") int limit,
            @Value("${shop.orders.create-rate.window}") Duration window) {
        if (limit < 0 || window.toSeconds() < 1) {
            throw new IllegalStateException("ORDERS_CREATE_RATE_LIMIT must be 0 (off) or more, and"
                    + " ORDERS_CREATE_RATE_WINDOW at least 1s; they are " + limit + " and " + window);
        }
        this.counters = counters;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** Counts a new order of this customer, or refuses it with 429 and the seconds until the window ends. */
    void admit(String customerId) {
        if (limit == 0) {
            return;
        }
        Instant now = clock.instant();
        long windowSeconds = window.toSeconds();
        long start = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        Instant windowStart = Instant.ofEpochSecond(start);
        Instant windowEnd = windowStart.plusSeconds(windowSeconds);
        if (!counters.countUnlessAt(customerId, windowStart, limit, windowEnd.plus(KEEP_AFTER_WINDOW))) {
            long retryAfter = Math.max(1, Duration.between(now, windowEnd).toMillis() / 1000 + 1);
            throw new TooManyOrders(limit, window, Math.min(retryAfter, windowSeconds));
        }
    }
}
