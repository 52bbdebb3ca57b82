package serverlessshop.support.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that stands still until a test moves it forward: expiry without sleeping. A service's
 * {@code Clock} bean of this type takes the place of the system clock (TimeAutoConfiguration).
 */
public final class MutableClock extends Clock {

    // With a fraction of a second, as a real clock has: the service must cope with it.
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(392);

    public void advance(Duration duration) {
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
        throw new UnsupportedOperationException("the services keep time in UTC");
    }
}
