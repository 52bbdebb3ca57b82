package serverlessshop.products.stock;

import java.time.LocalDateTime;
import java.util.List;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.db.tables.records.StockReservationItemsRecord;
import serverlessshop.products.db.tables.records.StockReservationsRecord;

/** A reservation row and its items, sorted by product id. */
record StoredReservation(StockReservationsRecord row, List<StockReservationItemsRecord> items) {

    ReservationStatus status() {
        return ReservationStatus.fromValue(row.getStatus());
    }

    /** Released or expired: its stock is back, and it can never hold stock again. */
    boolean isClosed() {
        return status() == ReservationStatus.RELEASED || status() == ReservationStatus.EXPIRED;
    }

    /** Still held, but past its expiry: it is expired the moment anybody looks at it. */
    static boolean isDue(StockReservationsRecord row, LocalDateTime now) {
        return ReservationStatus.RESERVED.getValue().equals(row.getStatus())
                && row.getExpiresAt() != null
                && !now.isBefore(row.getExpiresAt());
    }
}
