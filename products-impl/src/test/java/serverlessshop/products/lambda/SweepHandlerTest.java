package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.STOCK_RESERVATIONS;
import static serverlessshop.products.db.Tables.STOCK_RESERVATION_ITEMS;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.testing.lambda.LambdaFunctions;

/** The scheduled sweep function returns the stock of overdue unconfirmed reservations, and only theirs. */
@ExtendWith(TestDatabase.class)
class SweepHandlerTest {

    @Test
    void expiresOverdueReservationsAndReturnsTheirStock() {
        Map<String, String> database = TestDatabaseProperties.get();
        SweepHandler sweep = LambdaFunctions.withSystemProperties(database, SweepHandler::new);
        DSLContext db = DSL.using(
                database.get("spring.datasource.url"),
                database.getOrDefault("spring.datasource.username", "sa"),
                database.getOrDefault("spring.datasource.password", ""));
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String product = UUID.randomUUID().toString();
        db.insertInto(PRODUCTS)
                .set(PRODUCTS.PRODUCT_ID, product)
                .set(PRODUCTS.SKU, "SWEEP-" + product.substring(0, 8))
                .set(PRODUCTS.NAME, "Swept")
                .set(PRODUCTS.PRICE, new BigDecimal("2.50"))
                .set(PRODUCTS.STOCK_QUANTITY, 4)
                .set(PRODUCTS.IS_ACTIVE, true)
                .set(PRODUCTS.CREATED_AT, now)
                .set(PRODUCTS.UPDATED_AT, now)
                .execute();
        String overdue = reservation(db, product, 3, "RESERVED", now.minusMinutes(1), now);
        String notYetDue = reservation(db, product, 2, "RESERVED", now.plusMinutes(5), now);
        String confirmed = reservation(db, product, 1, "CONFIRMED", null, now);

        Map<String, Object> answer = sweep.handleRequest(Map.of(), InvocationContext.of("products-sweep"));

        assertThat(answer).containsEntry("reservations_expired", 1);
        assertThat(db.fetchValue(PRODUCTS.STOCK_QUANTITY, PRODUCTS.PRODUCT_ID.eq(product)))
                .isEqualTo(4 + 3);
        assertThat(status(db, overdue)).isEqualTo("EXPIRED");
        assertThat(status(db, notYetDue)).isEqualTo("RESERVED");
        assertThat(status(db, confirmed)).isEqualTo("CONFIRMED");
        assertThat(sweep.handleRequest(Map.of(), InvocationContext.of("products-sweep")))
                .as("a second sweep finds nothing due")
                .containsEntry("reservations_expired", 0);
    }

    private static String reservation(
            DSLContext db, String product, int quantity, String status, LocalDateTime expiresAt, LocalDateTime now) {
        String id = UUID.randomUUID().toString();
        db.insertInto(STOCK_RESERVATIONS)
                .set(STOCK_RESERVATIONS.RESERVATION_ID, id)
                .set(STOCK_RESERVATIONS.STATUS, status)
                .set(STOCK_RESERVATIONS.REQUEST_HASH, "0".repeat(64))
                .set(STOCK_RESERVATIONS.EXPIRES_AT, expiresAt)
                .set(STOCK_RESERVATIONS.CREATED_AT, now)
                .set(STOCK_RESERVATIONS.UPDATED_AT, now)
                .execute();
        db.insertInto(STOCK_RESERVATION_ITEMS)
                .set(STOCK_RESERVATION_ITEMS.RESERVATION_ID, id)
                .set(STOCK_RESERVATION_ITEMS.PRODUCT_ID, product)
                .set(STOCK_RESERVATION_ITEMS.SKU, "SWEEP")
                .set(STOCK_RESERVATION_ITEMS.NAME, "Swept")
                .set(STOCK_RESERVATION_ITEMS.QUANTITY, quantity)
                .set(STOCK_RESERVATION_ITEMS.UNIT_PRICE, new BigDecimal("2.50"))
                .execute();
        return id;
    }

    private static String status(DSLContext db, String reservation) {
        return db.fetchValue(STOCK_RESERVATIONS.STATUS, STOCK_RESERVATIONS.RESERVATION_ID.eq(reservation));
    }
}
