package serverlessshop.products.stock;

import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import serverlessshop.products.api.model.ReservationRequest;

/**
 * The products half of the order saga: reserve, confirm, release, read. Not one transaction but
 * a few short ones: a request that lost a race, or found stock held by stale reservations, looks
 * again in a fresh transaction instead of waiting on locks it holds itself.
 */
@Service
class StockReservations {

    static final int DEFAULT_TTL_SECONDS = 600;

    private final ReservationMaker maker;
    private final ReservationTransitions transitions;
    private final ReservationSweeper sweeper;

    StockReservations(ReservationMaker maker, ReservationTransitions transitions, ReservationSweeper sweeper) {
        this.maker = maker;
        this.transitions = transitions;
        this.sweeper = sweeper;
    }

    /** A reservation and whether this request made it (201) or found it made already (200). */
    record Reserved(StoredReservation reservation, boolean created) {}

    Reserved reserve(UUID reservationId, ReservationRequest request) {
        RequestedItems items = RequestedItems.of(request.getItems());
        int ttlSeconds = request.getTtlSeconds() == null ? DEFAULT_TTL_SECONDS : request.getTtlSeconds();
        try {
            return reserveOnce(reservationId, items, ttlSeconds);
        } catch (InsufficientStock shortage) {
            // Reservations past their expiry may still hold the missing units until the sweep
            // comes: expire them now and look once more.
            if (sweeper.sweepHolding(shortage.productIds()) == 0) {
                throw shortage;
            }
            return reserveOnce(reservationId, items, ttlSeconds);
        }
    }

    StoredReservation get(UUID reservationId) {
        return LockConflicts.retry(() -> transitions.current(reservationId))
                .orElseThrow(() -> new ReservationNotFound(reservationId));
    }

    StoredReservation confirm(UUID reservationId) {
        return LockConflicts.retry(() -> transitions.confirm(reservationId));
    }

    StoredReservation release(UUID reservationId) {
        try {
            return LockConflicts.retry(() -> transitions.release(reservationId));
        } catch (DuplicateKeyException e) {
            // A reserve or release of this unknown id committed first: the row exists now.
            return LockConflicts.retry(() -> transitions.release(reservationId));
        }
    }

    private Reserved reserveOnce(UUID reservationId, RequestedItems items, int ttlSeconds) {
        Optional<StoredReservation> created;
        try {
            created = LockConflicts.retry(() -> maker.make(reservationId, items, ttlSeconds));
        } catch (DuplicateKeyException e) {
            // A concurrent request for this id committed first and ours took nothing: a repeat.
            created = Optional.empty();
        } catch (InsufficientStock | UnknownProducts refusal) {
            // Perhaps refused because a concurrent request for this id took the stock first.
            if (transitions.current(reservationId).isEmpty()) {
                throw refusal;
            }
            created = Optional.empty();
        }
        return created.map(reservation -> new Reserved(reservation, true))
                .orElseGet(() -> new Reserved(existing(reservationId, items), false));
    }

    /** The reservation a repeated request names, if it asks for the same items and still holds them. */
    private StoredReservation existing(UUID reservationId, RequestedItems items) {
        StoredReservation existing = get(reservationId);
        if (existing.isClosed()) {
            throw new ReservationClosed(reservationId, existing.status());
        }
        if (!existing.row().getRequestHash().equals(items.hash())) {
            throw new ReservationMismatch(reservationId);
        }
        return existing;
    }
}
