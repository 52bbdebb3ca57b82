package serverlessshop.products.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservedItem;

/** Reservations as the contract's model; the total is derived from the items, never stored apart. */
final class ReservationMapper {

    private ReservationMapper() {}

    static Reservation toApi(StoredReservation reservation) {
        List<ReservedItem> items = reservation.items().stream()
                .map(item -> new ReservedItem(
                        UUID.fromString(item.getProductId()),
                        item.getSku(),
                        item.getName(),
                        item.getQuantity(),
                        item.getUnitPrice()))
                .toList();
        BigDecimal total = items.stream()
                .map(item -> item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
        var row = reservation.row();
        return new Reservation(
                        UUID.fromString(row.getReservationId()),
                        reservation.status(),
                        items,
                        total,
                        UtcTime.toApi(row.getCreatedAt()))
                .expiresAt(UtcTime.toApi(row.getExpiresAt()));
    }
}
