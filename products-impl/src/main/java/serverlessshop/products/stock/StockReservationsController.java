package serverlessshop.products.stock;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.products.api.StockReservationsApi;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationRequest;

@RestController
class StockReservationsController implements StockReservationsApi {

    private final StockReservations reservations;

    StockReservationsController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public ResponseEntity<Reservation> reserveStock(UUID reservationId, ReservationRequest reservationRequest) {
        StockReservations.Reserved reserved = reservations.reserve(reservationId, reservationRequest);
        return ResponseEntity.status(reserved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ReservationMapper.toApi(reserved.reservation()));
    }

    @Override
    public ResponseEntity<Reservation> getReservation(UUID reservationId) {
        return ResponseEntity.ok(ReservationMapper.toApi(reservations.get(reservationId)));
    }

    @Override
    public ResponseEntity<Reservation> confirmReservation(UUID reservationId) {
        return ResponseEntity.ok(ReservationMapper.toApi(reservations.confirm(reservationId)));
    }

    @Override
    public ResponseEntity<Reservation> releaseReservation(UUID reservationId) {
        return ResponseEntity.ok(ReservationMapper.toApi(reservations.release(reservationId)));
    }
}
