package serverlessshop.products.stock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock that stands still until a test moves it forward: expiry without sleeping. */
final class MutableClock extends Clock {

    // With a fraction of a second, as a real clock has: the service must cope with it.
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(392);

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service keeps time in UTC");
    }
}
