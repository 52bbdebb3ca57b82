package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static serverlessshop.products.stock.StockApi.request;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import serverlessshop.products.api.model.Problem;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.api.model.StockShortage;
import serverlessshop.support.testing.MutableClock;

/** Unconfirmed reservations expire and return their stock: when read, confirmed, released, swept, or in the way. */
@WholeProductsServiceOnMutableClock
class ReservationExpiryTest {

    static final int TTL = 30;

    @Autowired
    StockApi api;

    @Autowired
    MutableClock clock;

    @Autowired
    ReservationSweeper sweeper;

    String lamp;

    @BeforeEach
    void setUp() {
        lamp = api.newProduct("Desk lamp", "39.90", 10);
    }

    @Test
    void aReservationIsHeldUntilItsExpiryAndExpiredWhenReadAfterIt() {
        UUID id = reserve(lamp, 4);
        Reservation held = api.reservation(api.getReservation(id));
        clock.advance(Duration.ofSeconds(TTL - 1));
        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(api.stockOf(lamp)).isEqualTo(6);
        String eTagWhileHeld = api.eTagOf(lamp);

        clock.advance(Duration.ofSeconds(1));
        MvcResult read = api.getReservation(id);

        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        Reservation expired = api.reservation(read);
        assertThat(expired.getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(expired.getExpiresAt()).isEqualTo(held.getExpiresAt());
        assertThat(expired.getItems()).isEqualTo(held.getItems());
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.eTagOf(lamp)).isNotEqualTo(eTagWhileHeld);
        assertThat(api.reservation(api.getReservation(id))).isEqualTo(expired);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void confirmingTooLateExpiresTheReservationAndReturnsItsStock() {
        UUID id = reserve(lamp, 4);
        clock.advance(Duration.ofSeconds(TTL));

        MvcResult tooLate = api.confirm(id);

        assertThat(tooLate.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(tooLate).getCode()).isEqualTo("RESERVATION_EXPIRED");
        // The expiry was kept although the confirm failed.
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.EXPIRED);

        MvcResult again = api.confirm(id);

        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(again).getCode()).isEqualTo("RESERVATION_CLOSED");
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void confirmingInTimeStopsTheExpiry() {
        UUID id = reserve(lamp, 4);
        clock.advance(Duration.ofSeconds(TTL - 1));
        assertThat(api.confirm(id).getResponse().getStatus()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
        sweeper.sweep(1000);
        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(api.stockOf(lamp)).isEqualTo(6);
    }

    @Test
    void releasingAnOverdueReservationExpiresItAndReturnsTheStockOnce() {
        UUID id = reserve(lamp, 4);
        clock.advance(Duration.ofSeconds(TTL));

        MvcResult released = api.release(id);

        assertThat(released.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(released).getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.reservation(api.release(id)).getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void repeatingTheReserveOfAnExpiredReservationIsRefused() {
        UUID id = UUID.randomUUID();
        api.reserve(id, request(lamp, 4).ttlSeconds(TTL));
        clock.advance(Duration.ofSeconds(TTL));

        MvcResult repeated = api.reserve(id, request(lamp, 4).ttlSeconds(TTL));

        assertThat(repeated.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(repeated).getCode()).isEqualTo("RESERVATION_CLOSED");
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void theSweepExpiresOverdueReservationsInBatchesAndReturnsTheirStock() {
        drainOverdueReservations();
        UUID first = reserve(lamp, 1);
        UUID second = reserve(lamp, 2);
        UUID third = reserve(lamp, 3);
        UUID confirmed = reserve(lamp, 1);
        api.confirm(confirmed);
        UUID longer = UUID.randomUUID();
        api.reserve(longer, request(lamp, 2).ttlSeconds(TTL * 10));
        assertThat(api.stockOf(lamp)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(TTL));

        assertThat(sweeper.sweep(2)).isEqualTo(2);
        assertThat(sweeper.sweep(2)).isEqualTo(1);
        assertThat(sweeper.sweep(2)).isZero();

        assertThat(api.stockOf(lamp)).isEqualTo(7);
        for (UUID id : new UUID[] {first, second, third}) {
            assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        }
        assertThat(api.reservation(api.getReservation(confirmed)).getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(api.reservation(api.getReservation(longer)).getStatus()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aShortageFirstExpiresOverdueReservationsOfTheProductAndTriesAgain() {
        String chair = api.newProduct("Office chair", "149.00", 5);
        UUID stale = reserve(chair, 5);
        clock.advance(Duration.ofSeconds(TTL));

        MvcResult result = api.reserve(UUID.randomUUID(), request(chair, 3));

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        assertThat(api.reservation(api.getReservation(stale)).getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(api.stockOf(chair)).isEqualTo(2);
    }

    @Test
    void aShortageThatRemainsAfterTheExpiryNamesWhatIsAvailableThen() {
        String chair = api.newProduct("Office chair", "149.00", 5);
        UUID stale = reserve(chair, 4);
        clock.advance(Duration.ofSeconds(TTL));

        MvcResult result = api.reserve(UUID.randomUUID(), request(chair, 6));

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        Problem problem = api.problem(result);
        assertThat(problem.getCode()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(problem.getShortages())
                .extracting(StockShortage::getProductId, StockShortage::getRequested, StockShortage::getAvailable)
                .containsExactly(tuple(UUID.fromString(chair), 6, 5));
        assertThat(api.reservation(api.getReservation(stale)).getStatus()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(api.stockOf(chair)).isEqualTo(5);
    }

    @Test
    void aShortageLeavesReservationsThatAreNotOverdueAlone() {
        String chair = api.newProduct("Office chair", "149.00", 5);
        UUID held = reserve(chair, 5);
        clock.advance(Duration.ofSeconds(TTL - 1));

        MvcResult result = api.reserve(UUID.randomUUID(), request(chair, 1));

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.problem(result).getShortages())
                .extracting(StockShortage::getAvailable)
                .containsExactly(0);
        assertThat(api.reservation(api.getReservation(held)).getStatus()).isEqualTo(ReservationStatus.RESERVED);
    }

    private UUID reserve(String productId, int quantity) {
        UUID id = UUID.randomUUID();
        assertThat(api.reserve(id, request(productId, quantity).ttlSeconds(TTL))
                        .getResponse()
                        .getStatus())
                .isEqualTo(201);
        return id;
    }

    /** Other tests leave reservations behind: past the longest TTL, sweep them all away first. */
    private void drainOverdueReservations() {
        clock.advance(Duration.ofSeconds(3601));
        while (sweeper.sweep(1000) > 0) {
            // until none is left
        }
    }
}
