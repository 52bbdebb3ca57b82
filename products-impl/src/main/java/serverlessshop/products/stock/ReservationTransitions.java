package serverlessshop.products.stock;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.db.tables.records.StockReservationsRecord;

/**
 * The state changes of an existing reservation, each in its own transaction with the
 * reservation's row locked: a confirm, a release, an expiry and a sweep of the same reservation
 * happen one after the other, and the stock returns exactly once. A reservation found past its
 * expiry is expired first, whatever the caller came for.
 */
@Component
class ReservationTransitions {

    private final ReservationStore reservations;
    private final StockLevels stock;
    private final Clock clock;

    ReservationTransitions(ReservationStore reservations, StockLevels stock, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.clock = clock;
    }

    /** The reservation as it is now (expired if it is due), or empty if there is none. */
    @Transactional
    public Optional<StoredReservation> current(UUID reservationId) {
        String id = reservationId.toString();
        Optional<StockReservationsRecord> row = reservations.find(id);
        if (row.isEmpty() || !StoredReservation.isDue(row.get(), UtcTime.now(clock))) {
            return row.map(reservations::withItems);
        }
        // Look again under the lock: a concurrent confirm or sweep may have come first.
        StockReservationsRecord locked = reservations.lock(id).orElseThrow();
        expireIfDue(locked, UtcTime.now(clock));
        return Optional.of(reservations.withItems(locked));
    }

    /**
     * Confirms a held reservation, or answers why not. A due one is expired and the expiry is
     * committed (its stock must return even though the caller gets an error).
     */
    @Transactional(noRollbackFor = ReservationExpired.class)
    public StoredReservation confirm(UUID reservationId) {
        StockReservationsRecord row =
                reservations.lock(reservationId.toString()).orElseThrow(() -> new ReservationNotFound(reservationId));
        LocalDateTime now = UtcTime.now(clock);
        if (expireIfDue(row, now)) {
            throw new ReservationExpired(reservationId);
        }
        StoredReservation reservation = reservations.withItems(row);
        switch (reservation.status()) {
            case RESERVED -> reservations.changeStatus(row, ReservationStatus.CONFIRMED, null, now);
            case CONFIRMED -> {
                // Confirmed already: a retry; nothing changes.
            }
            case RELEASED, EXPIRED -> throw new ReservationClosed(reservationId, reservation.status());
        }
        return reservation;
    }

    /**
     * Returns the stock of a held or confirmed reservation. An unknown id is recorded as released
     * with no items, so that a reserve arriving late for it takes nothing; when a concurrent
     * request creates the id first, this throws {@code DuplicateKeyException} and may be retried.
     */
    @Transactional
    public StoredReservation release(UUID reservationId) {
        String id = reservationId.toString();
        LocalDateTime now = UtcTime.now(clock);
        // Not SELECT ... FOR UPDATE first: for a missing row MySQL locks the gap, and concurrent
        // releases of one unknown id then deadlock on their inserts. The primary key decides.
        if (reservations.find(id).isEmpty()) {
            return new StoredReservation(
                    reservations.insert(id, ReservationStatus.RELEASED, RequestedItems.NONE.hash(), null, now),
                    List.of());
        }
        StockReservationsRecord row = reservations.lock(id).orElseThrow();
        StoredReservation reservation = reservations.withItems(row);
        if (!expireIfDue(row, now) && !reservation.isClosed()) {
            stock.giveBack(reservation.items(), now);
            reservations.changeStatus(row, ReservationStatus.RELEASED, null, now);
        }
        return reservation;
    }

    /** Expires the reservation if it is still held and due; false if anything came first. */
    @Transactional
    public boolean expireIfDue(String reservationId) {
        return reservations
                .lock(reservationId)
                .map(row -> expireIfDue(row, UtcTime.now(clock)))
                .orElse(false);
    }

    private boolean expireIfDue(StockReservationsRecord lockedRow, LocalDateTime now) {
        if (!StoredReservation.isDue(lockedRow, now)) {
            return false;
        }
        stock.giveBack(reservations.withItems(lockedRow).items(), now);
        // expires_at stays: it tells when the reservation ran out.
        reservations.changeStatus(lockedRow, ReservationStatus.EXPIRED, lockedRow.getExpiresAt(), now);
        return true;
    }
}
