package serverlessshop.products.stock;

import static serverlessshop.products.db.Tables.PRODUCTS;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.UpdateConditionStep;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.db.tables.records.StockReservationItemsRecord;

/**
 * Moves units in and out of products.stock_quantity. Every change bumps the product's version,
 * its ETag, so that an administrator's edit based on an older read cannot overwrite units sold
 * meanwhile (412 instead).
 */
@Component
class StockLevels {

    private final DSLContext db;

    StockLevels(DSLContext db) {
        this.db = db;
    }

    /**
     * Takes the units if the product is for sale and has them; the row stays locked until the
     * transaction ends. The condition, not an earlier read, decides: no oversell under concurrency.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean take(String productId, int quantity, LocalDateTime now) {
        return adjust(productId, PRODUCTS.STOCK_QUANTITY.minus(quantity), now)
                        .and(PRODUCTS.IS_ACTIVE.isTrue())
                        .and(PRODUCTS.STOCK_QUANTITY.ge(quantity))
                        .execute()
                == 1;
    }

    /** Puts the items' units back, in product-id order; a product deleted meanwhile gets nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void giveBack(List<StockReservationItemsRecord> items, LocalDateTime now) {
        items.stream()
                .sorted(Comparator.comparing(StockReservationItemsRecord::getProductId))
                .forEach(item -> adjust(item.getProductId(), PRODUCTS.STOCK_QUANTITY.plus(item.getQuantity()), now)
                        .execute());
    }

    private UpdateConditionStep<ProductsRecord> adjust(String productId, Field<Integer> quantity, LocalDateTime now) {
        return db.update(PRODUCTS)
                .set(PRODUCTS.STOCK_QUANTITY, quantity)
                .set(PRODUCTS.VERSION, PRODUCTS.VERSION.plus(1))
                .set(PRODUCTS.UPDATED_AT, now)
                .where(PRODUCTS.PRODUCT_ID.eq(productId));
    }
}
