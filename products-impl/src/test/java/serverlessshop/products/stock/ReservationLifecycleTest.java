package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static serverlessshop.products.stock.StockApi.request;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import serverlessshop.products.api.model.FieldError;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationStatus;

/** Confirm, release and read: the state machine RESERVED -> CONFIRMED -> RELEASED, and its idempotency. */
@WholeProductsServiceOnMutableClock
class ReservationLifecycleTest {

    @Autowired
    StockApi api;

    String lamp;

    @BeforeEach
    void setUp() {
        lamp = api.newProduct("Desk lamp", "39.90", 10);
    }

    @Test
    void confirmingKeepsTheStockAndEndsTheExpiry() {
        UUID id = reserve(3);

        MvcResult confirmed = api.confirm(id);

        assertThat(confirmed.getResponse().getStatus()).isEqualTo(200);
        Reservation reservation = api.reservation(confirmed);
        assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(reservation.getExpiresAt()).isNull();
        assertThat(reservation.getTotalAmount()).isEqualByComparingTo("119.70");
        assertThat(api.reservation(api.getReservation(id))).isEqualTo(reservation);
        assertThat(api.stockOf(lamp)).isEqualTo(7);
    }

    @Test
    void confirmingTwiceAnswersTheSameConfirmedReservation() {
        UUID id = reserve(3);
        Reservation first = api.reservation(api.confirm(id));

        MvcResult again = api.confirm(id);

        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(again)).isEqualTo(first);
        assertThat(api.stockOf(lamp)).isEqualTo(7);
    }

    @Test
    void confirmingAnUnknownReservationIsNotFound() {
        MvcResult result = api.confirm(UUID.randomUUID());

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(api.problem(result).getCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void readingAnUnknownReservationIsNotFound() {
        MvcResult result = api.getReservation(UUID.randomUUID());

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(api.problem(result).getCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anIdThatIsNotAUuidIsAnInvalidRequest() {
        MvcResult result =
                api.call(StockApi.direct(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/products/stock-reservations/not-a-uuid")));

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.problem(result).getErrors())
                .extracting(FieldError::getField, FieldError::getIn)
                .containsExactly(tuple("reservation_id", FieldError.InEnum.PATH));
    }

    @Test
    void releasingAHeldReservationReturnsItsStock() {
        UUID id = reserve(3);
        String eTagWhileHeld = api.eTagOf(lamp);

        MvcResult released = api.release(id);

        assertThat(released.getResponse().getStatus()).isEqualTo(200);
        Reservation reservation = api.reservation(released);
        assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservation.getExpiresAt()).isNull();
        assertThat(reservation.getItems()).hasSize(1);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.eTagOf(lamp)).isNotEqualTo(eTagWhileHeld);
        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void releasingAConfirmedReservationReturnsItsStock() {
        UUID id = reserve(3);
        api.confirm(id);

        MvcResult released = api.release(id);

        assertThat(api.reservation(released).getStatus()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void releasingTwiceReturnsTheStockOnce() {
        UUID id = reserve(3);
        Reservation first = api.reservation(api.release(id));

        MvcResult again = api.release(id);

        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(again)).isEqualTo(first);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void aReleasedReservationCanNeitherBeConfirmedNorReservedAgain() {
        UUID id = reserve(3);
        api.release(id);

        MvcResult confirm = api.confirm(id);
        MvcResult reserveAgain = api.reserve(id, request(lamp, 3));

        assertThat(confirm.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(confirm).getCode()).isEqualTo("RESERVATION_CLOSED");
        assertThat(reserveAgain.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(reserveAgain).getCode()).isEqualTo("RESERVATION_CLOSED");
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void releasingAnUnknownIdRecordsItSoThatALateReserveTakesNothing() {
        UUID id = UUID.randomUUID();

        MvcResult released = api.release(id);

        assertThat(released.getResponse().getStatus()).isEqualTo(200);
        Reservation tombstone = api.reservation(released);
        assertThat(tombstone.getReservationId()).isEqualTo(id);
        assertThat(tombstone.getStatus()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(tombstone.getItems()).isEmpty();
        assertThat(tombstone.getTotalAmount()).isEqualByComparingTo(BigDecimal.ZERO);

        MvcResult lateReserve = api.reserve(id, request(lamp, 2));

        assertThat(lateReserve.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(lateReserve).getCode()).isEqualTo("RESERVATION_CLOSED");
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.reservation(api.release(id))).isEqualTo(tombstone);
    }

    @Test
    void aProductDeletedWhileReservedGetsNothingBackAndTheOthersDo() {
        String chair = api.newProduct("Office chair", "149.00", 5);
        UUID id = UUID.randomUUID();
        api.reserve(id, request(lamp, 2, chair, 1));
        assertThat(api.deleteProduct(chair).getResponse().getStatus()).isEqualTo(204);

        MvcResult released = api.release(id);

        assertThat(released.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(released).getStatus()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.product(chair).getResponse().getStatus()).isEqualTo(404);
    }

    private UUID reserve(int quantity) {
        UUID id = UUID.randomUUID();
        assertThat(api.reserve(id, request(lamp, quantity)).getResponse().getStatus())
                .isEqualTo(201);
        return id;
    }
}
