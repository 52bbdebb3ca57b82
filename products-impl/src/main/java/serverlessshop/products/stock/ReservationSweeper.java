package serverlessshop.products.stock;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Expires reservations that are past their expiry and were never confirmed, returning their
 * stock: on a schedule ({@link ReservationSweepSchedule}), from a scheduled Lambda, and for the
 * products a reserve request finds short. Each reservation is expired in its own transaction,
 * so one that a confirm or release locks meanwhile delays nothing else.
 */
@Component
public class ReservationSweeper {

    /** Bounds the work a single reserve request does for others; the sweep does the rest. */
    static final int HOLDING_LIMIT = 100;

    private final ReservationStore reservations;
    private final ReservationTransitions transitions;
    private final Clock clock;

    ReservationSweeper(ReservationStore reservations, ReservationTransitions transitions, Clock clock) {
        this.reservations = reservations;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Expires up to {@code limit} due reservations, overdue longest first; returns how many it expired. */
    public int sweep(int limit) {
        return expire(reservations.dueIds(UtcTime.now(clock), limit));
    }

    /** Expires the due reservations that hold any of these products; returns how many it expired. */
    int sweepHolding(Collection<String> productIds) {
        return expire(reservations.dueIdsHolding(productIds, UtcTime.now(clock), HOLDING_LIMIT));
    }

    private int expire(List<String> reservationIds) {
        int expired = 0;
        for (String id : reservationIds) {
            // Due when listed, but looked at again under its lock: it may have been confirmed since.
            if (LockConflicts.retry(() -> transitions.expireIfDue(id))) {
                expired++;
            }
        }
        return expired;
    }
}
