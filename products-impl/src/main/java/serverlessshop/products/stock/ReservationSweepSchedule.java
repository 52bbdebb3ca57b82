package serverlessshop.products.stock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sweeps expired reservations every {@code shop.reservations.sweep-interval} in a long-running
 * process. Off with {@code shop.reservations.sweep-enabled=false}, e.g. in a Lambda function,
 * which is frozen between requests and leaves the sweep to a scheduled invocation.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "shop.reservations.sweep-enabled", havingValue = "true", matchIfMissing = true)
class ReservationSweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReservationSweepSchedule.class);

    private final ReservationSweeper sweeper;
    private final int batchSize;

    ReservationSweepSchedule(
            ReservationSweeper sweeper, @Value("${shop.reservations.sweep-batch-size:100}") int batchSize) {
        this.sweeper = sweeper;
        this.batchSize = batchSize;
    }

    // The first sweep waits an interval too: starting up should not depend on the database.
    @Scheduled(
            fixedDelayString = "${shop.reservations.sweep-interval:PT1M}",
            initialDelayString = "${shop.reservations.sweep-interval:PT1M}")
    void sweep() {
        int expired = sweeper.sweep(batchSize);
        if (expired > 0) {
            log.info("Expired {} stock reservations and returned their stock", expired);
        }
    }
}
