package serverlessshop.products.stock;

import static serverlessshop.products.db.Tables.STOCK_RESERVATIONS;
import static serverlessshop.products.db.Tables.STOCK_RESERVATION_ITEMS;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.db.tables.records.StockReservationItemsRecord;
import serverlessshop.products.db.tables.records.StockReservationsRecord;

/** The rows of stock_reservations and stock_reservation_items; transactions are the callers'. */
@Component
class ReservationStore {

    private final DSLContext db;

    ReservationStore(DSLContext db) {
        this.db = db;
    }

    Optional<StockReservationsRecord> find(String reservationId) {
        return db.selectFrom(STOCK_RESERVATIONS)
                .where(STOCK_RESERVATIONS.RESERVATION_ID.eq(reservationId))
                .fetchOptional();
    }

    /** The row, locked until the transaction ends: state changes of one reservation happen one at a time. */
    Optional<StockReservationsRecord> lock(String reservationId) {
        return db.selectFrom(STOCK_RESERVATIONS)
                .where(STOCK_RESERVATIONS.RESERVATION_ID.eq(reservationId))
                .forUpdate()
                .fetchOptional();
    }

    /** Inserts the row; a concurrent insert of the same id waits for this one, then fails on the primary key. */
    StockReservationsRecord insert(
            String reservationId,
            ReservationStatus status,
            String requestHash,
            LocalDateTime expiresAt,
            LocalDateTime now) {
        StockReservationsRecord row = db.newRecord(STOCK_RESERVATIONS);
        row.setReservationId(reservationId);
        row.setStatus(status.getValue());
        row.setRequestHash(requestHash);
        row.setExpiresAt(expiresAt);
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        row.insert();
        return row;
    }

    void changeStatus(
            StockReservationsRecord row, ReservationStatus status, LocalDateTime expiresAt, LocalDateTime now) {
        row.setStatus(status.getValue());
        row.setExpiresAt(expiresAt);
        row.setUpdatedAt(now);
        row.update();
    }

    StockReservationItemsRecord newItem() {
        return db.newRecord(STOCK_RESERVATION_ITEMS);
    }

    void insertItems(List<StockReservationItemsRecord> items) {
        db.batchInsert(items).execute();
    }

    StoredReservation withItems(StockReservationsRecord row) {
        return new StoredReservation(
                row,
                db.selectFrom(STOCK_RESERVATION_ITEMS)
                        .where(STOCK_RESERVATION_ITEMS.RESERVATION_ID.eq(row.getReservationId()))
                        .orderBy(STOCK_RESERVATION_ITEMS.PRODUCT_ID)
                        .fetch());
    }

    /** Reservations past their expiry that nobody has expired yet, those overdue longest first. */
    List<String> dueIds(LocalDateTime now, int limit) {
        return db.select(STOCK_RESERVATIONS.RESERVATION_ID)
                .from(STOCK_RESERVATIONS)
                .where(isDue(now))
                .orderBy(STOCK_RESERVATIONS.EXPIRES_AT)
                .limit(limit)
                .fetch(STOCK_RESERVATIONS.RESERVATION_ID);
    }

    /** Like {@link #dueIds}, but only those holding one of these products. */
    List<String> dueIdsHolding(Collection<String> productIds, LocalDateTime now, int limit) {
        return db.selectDistinct(STOCK_RESERVATIONS.RESERVATION_ID)
                .from(STOCK_RESERVATIONS)
                .join(STOCK_RESERVATION_ITEMS)
                .on(STOCK_RESERVATION_ITEMS.RESERVATION_ID.eq(STOCK_RESERVATIONS.RESERVATION_ID))
                .where(isDue(now))
                .and(STOCK_RESERVATION_ITEMS.PRODUCT_ID.in(productIds))
                .limit(limit)
                .fetch(STOCK_RESERVATIONS.RESERVATION_ID);
    }

    private static Condition isDue(LocalDateTime now) {
        return STOCK_RESERVATIONS
                .STATUS
                .eq(ReservationStatus.RESERVED.getValue())
                .and(STOCK_RESERVATIONS.EXPIRES_AT.le(now));
    }
}
