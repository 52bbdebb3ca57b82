package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static serverlessshop.products.stock.StockApi.request;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import serverlessshop.products.api.model.FieldError;
import serverlessshop.products.api.model.Problem;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.api.model.ReservedItem;
import serverlessshop.products.api.model.StockShortage;
import serverlessshop.support.testing.MutableClock;

@WholeProductsServiceOnMutableClock
class ReserveStockTest {

    @Autowired
    StockApi api;

    @Autowired
    MutableClock clock;

    @Test
    void reservingTakesTheStockAndAnswersTheAuthoritativeNamesAndPrices() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        String chair = api.newProduct("Office chair", "149.00", 3);
        String lampETag = api.eTagOf(lamp);
        String chairETag = api.eTagOf(chair);
        UUID id = UUID.randomUUID();

        MvcResult result = api.reserve(id, request(lamp, 2, chair, 3).ttlSeconds(120));

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        Reservation reservation = api.reservation(result);
        assertThat(reservation.getReservationId()).isEqualTo(id);
        assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.getItems())
                .extracting(
                        ReservedItem::getProductId,
                        ReservedItem::getName,
                        ReservedItem::getQuantity,
                        ReservedItem::getUnitPrice)
                .containsExactlyInAnyOrder(
                        tuple(UUID.fromString(lamp), "Desk lamp", 2, new BigDecimal("39.90")),
                        tuple(UUID.fromString(chair), "Office chair", 3, new BigDecimal("149.00")));
        assertThat(reservation.getItems())
                .allSatisfy(item -> assertThat(item.getSku()).startsWith("STOCK-"));
        assertThat(reservation.getTotalAmount()).isEqualByComparingTo("526.80");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(reservation.getCreatedAt().toInstant()).isEqualTo(now);
        assertThat(reservation.getExpiresAt().toInstant()).isEqualTo(now.plusSeconds(120));
        assertThat(reservation.getExpiresAt().getOffset()).isEqualTo(ZoneOffset.UTC);

        assertThat(api.stockOf(lamp)).isEqualTo(8);
        assertThat(api.stockOf(chair)).isZero();
        // The stock changed, so the product's version did: an edit based on the old ETag must fail.
        assertThat(api.eTagOf(lamp)).isNotEqualTo(lampETag);
        assertThat(api.eTagOf(chair)).isNotEqualTo(chairETag);
    }

    @Test
    void theReservationCanBeReadBackAsItWasAnswered() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        UUID id = UUID.randomUUID();
        Reservation reserved = api.reservation(api.reserve(id, request(lamp, 1)));

        MvcResult read = api.getReservation(id);

        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(read)).isEqualTo(reserved);
    }

    @Test
    void theTtlDefaultsToTenMinutes() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);

        Reservation reservation = api.reservation(api.reserve(UUID.randomUUID(), request(lamp, 1)));

        assertThat(Duration.between(reservation.getCreatedAt(), reservation.getExpiresAt()))
                .isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void repeatingTheSameRequestChangesNothingAndAnswersTheSameReservation() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        String chair = api.newProduct("Office chair", "149.00", 5);
        UUID id = UUID.randomUUID();
        Reservation first = api.reservation(api.reserve(id, request(lamp, 2, chair, 1)));
        String lampETag = api.eTagOf(lamp);
        clock.advance(Duration.ofSeconds(5));

        // The same items in another order, with another TTL: still the same request.
        MvcResult repeated = api.reserve(id, request(chair, 1, lamp, 2).ttlSeconds(60));

        assertThat(repeated.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.reservation(repeated)).isEqualTo(first);
        assertThat(api.stockOf(lamp)).isEqualTo(8);
        assertThat(api.stockOf(chair)).isEqualTo(4);
        assertThat(api.eTagOf(lamp)).isEqualTo(lampETag);
    }

    @Test
    void theSameIdWithOtherItemsIsRefused() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        UUID id = UUID.randomUUID();
        api.reserve(id, request(lamp, 2));

        MvcResult otherQuantity = api.reserve(id, request(lamp, 3));

        assertThat(otherQuantity.getResponse().getStatus()).isEqualTo(422);
        assertThat(api.problem(otherQuantity).getCode()).isEqualTo("RESERVATION_MISMATCH");
        assertThat(api.stockOf(lamp)).isEqualTo(8);
    }

    @Test
    void whenAnyItemIsShortNothingIsReservedAndEveryShortageIsNamed() {
        String plenty = api.newProduct("Desk lamp", "39.90", 10);
        String few = api.newProduct("Office chair", "149.00", 1);
        String none = api.newProduct("Bookshelf", "89.00", 0);
        String plentyETag = api.eTagOf(plenty);
        UUID id = UUID.randomUUID();

        MvcResult result = api.reserve(id, request(plenty, 5, few, 2, none, 1));

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        Problem problem = api.problem(result);
        assertThat(problem.getCode()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(problem.getShortages())
                .extracting(StockShortage::getProductId, StockShortage::getRequested, StockShortage::getAvailable)
                .containsExactlyInAnyOrder(tuple(UUID.fromString(few), 2, 1), tuple(UUID.fromString(none), 1, 0));
        assertThat(api.stockOf(plenty)).isEqualTo(10);
        assertThat(api.stockOf(few)).isEqualTo(1);
        assertThat(api.stockOf(none)).isZero();
        assertThat(api.eTagOf(plenty)).isEqualTo(plentyETag);
        assertThat(api.getReservation(id).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aRefusedIdCanBeUsedAgainOnceThereIsStock() {
        String lamp = api.newProduct("Desk lamp", "39.90", 1);
        UUID id = UUID.randomUUID();
        assertThat(api.reserve(id, request(lamp, 2)).getResponse().getStatus()).isEqualTo(409);

        MvcResult retried = api.reserve(id, request(lamp, 1));

        assertThat(retried.getResponse().getStatus()).isEqualTo(201);
        assertThat(api.stockOf(lamp)).isZero();
    }

    @Test
    void productsThatDoNotExistOrAreNotForSaleAreNamedAndNothingIsReserved() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        String retired = api.newProduct("Old lamp", "19.90", 10, false);
        String missing = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();

        MvcResult result = api.reserve(id, request(lamp, 1, missing, 1, retired, 1));

        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        Problem problem = api.problem(result);
        assertThat(problem.getCode()).isEqualTo("UNKNOWN_PRODUCT");
        assertThat(problem.getErrors())
                .extracting(FieldError::getField)
                .containsExactly("items[1].product_id", "items[2].product_id");
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(api.stockOf(retired)).isEqualTo(10);
        assertThat(api.getReservation(id).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aProductListedTwiceIsAnInvalidRequest() {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        String chair = api.newProduct("Office chair", "149.00", 5);

        MvcResult result = api.reserve(UUID.randomUUID(), request(lamp, 1, chair, 1, lamp, 2));

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Problem problem = api.problem(result);
        assertThat(problem.getCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.getErrors())
                .extracting(FieldError::getField, FieldError::getIn)
                .containsExactly(tuple("items[2].product_id", FieldError.InEnum.BODY));
        assertThat(api.stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void theSchemaLimitsAreEnforced() {
        String lamp = api.newProduct("Desk lamp", "39.90", 1000);

        MvcResult tooMany = api.reserve(UUID.randomUUID(), request(lamp, 101));
        MvcResult tooShort = api.reserve(UUID.randomUUID(), request(lamp, 1).ttlSeconds(29));
        MvcResult noItems = api.call(api.reserveRequest(UUID.randomUUID(), "{\"items\":[]}"));
        MvcResult nullItem = api.call(api.reserveRequest(UUID.randomUUID(), "{\"items\":[null]}"));
        Object[] fiftyOne = new Object[51 * 2];
        for (int i = 0; i < 51; i++) {
            fiftyOne[2 * i] = i == 0 ? lamp : UUID.randomUUID().toString();
            fiftyOne[2 * i + 1] = 1;
        }
        MvcResult tooManyItems = api.reserve(UUID.randomUUID(), request(fiftyOne));

        assertThat(api.problem(tooMany).getErrors())
                .extracting(FieldError::getField)
                .containsExactly("items[0].quantity");
        assertThat(api.problem(tooShort).getErrors())
                .extracting(FieldError::getField)
                .containsExactly("ttl_seconds");
        assertThat(api.problem(noItems).getErrors())
                .extracting(FieldError::getField)
                .containsExactly("items");
        assertThat(api.problem(nullItem).getErrors())
                .extracting(FieldError::getField)
                .containsExactly("items[0]");
        assertThat(tooManyItems.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.problem(tooManyItems).getErrors())
                .extracting(FieldError::getField)
                .containsExactly("items");
        assertThat(api.stockOf(lamp)).isEqualTo(1000);
    }
}
