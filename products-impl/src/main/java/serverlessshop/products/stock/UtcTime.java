package serverlessshop.products.stock;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Reservation timestamps: UTC whatever zone the clock has, in whole seconds. */
final class UtcTime {

    private UtcTime() {}

    /**
     * Seconds, although the columns keep milliseconds: MySQL Connector/J sends no fractions to
     * MariaDB (which it takes for MySQL 5.5), and what we answer must be what a later read answers.
     * TTLs are whole seconds anyway.
     */
    static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    static OffsetDateTime toApi(LocalDateTime utc) {
        return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
    }
}
