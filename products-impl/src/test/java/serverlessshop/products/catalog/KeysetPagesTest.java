package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.CATEGORIES;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_CATEGORIES;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.http.Cursors;

/**
 * A deep catalogue page costs what the first does, in every order and with every filter: the query
 * the service sends for the page after 2,000 products reads about as many rows and index entries on
 * MariaDB as the query of the first page, not every entry before the cursor.
 */
@WholeProductsService
@Tag(TestDatabase.MARIADB_ONLY)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysetPagesTest {

    private static final String PREFIX = "Keyset page test ";
    private static final int PRODUCTS_IN_THE_CATALOGUE = 3_000;
    private static final int PRODUCTS_BEFORE_THE_CURSOR = 2_000;
    private static final int PAGE = 21;

    @Autowired
    CatalogService catalog;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    @Autowired
    Cursors cursors;

    String categoryId;

    /**
     * Names, prices and creation times each in an order of their own, three products in four in one
     * category (larger than CategoryFilter.SMALL, so read along the listing's index).
     */
    @BeforeAll
    void aCatalogueOfThreeThousandProducts() {
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        List<ProductsRecord> products = IntStream.range(0, PRODUCTS_IN_THE_CATALOGUE)
                .mapToObj(n -> {
                    ProductsRecord product = db.newRecord(PRODUCTS);
                    product.setProductId(UUID.randomUUID().toString());
                    product.setSku("KEYSET-" + UUID.randomUUID());
                    product.setName(PREFIX + String.format("%05d", n));
                    // 1.00 to 500.99 in an order unlike the names', a few products at each price
                    product.setPrice(new BigDecimal(100 + (n * 7_919) % 50_000).movePointLeft(2));
                    product.setStockQuantity(1);
                    product.setIsActive(true);
                    // three products a second: ties broken by id
                    product.setCreatedAt(start.plusSeconds((n * 37L) % PRODUCTS_IN_THE_CATALOGUE / 3));
                    product.setUpdatedAt(start);
                    product.setVersion(1L);
                    return product;
                })
                .toList();
        db.batchInsert(products).execute();
        categoryId = UUID.randomUUID().toString();
        db.insertInto(CATEGORIES)
                .set(CATEGORIES.CATEGORY_ID, categoryId)
                .set(CATEGORIES.SLUG, "keyset-" + categoryId.substring(0, 8))
                .set(CATEGORIES.NAME, PREFIX + "category")
                .set(CATEGORIES.CREATED_AT, start)
                .set(CATEGORIES.UPDATED_AT, start)
                .execute();
        List<Row2<String, String>> links = new ArrayList<>();
        for (int n = 0; n < products.size(); n++) {
            if (n % 4 != 0) {
                links.add(DSL.row(categoryId, products.get(n).getProductId()));
            }
        }
        db.insertInto(PRODUCT_CATEGORIES, PRODUCT_CATEGORIES.CATEGORY_ID, PRODUCT_CATEGORIES.PRODUCT_ID)
                .valuesOfRows(links)
                .execute();
        // Statistics as a catalogue in service has them.
        db.execute("ANALYZE TABLE products, product_categories");
    }

    @AfterAll
    void removeTheProducts() {
        db.deleteFrom(PRODUCTS).where(PRODUCTS.NAME.startsWith(PREFIX)).execute();
        db.deleteFrom(CATEGORIES).where(CATEGORIES.CATEGORY_ID.eq(categoryId)).execute();
    }

    @Test
    void byNameADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.NAME, shoppers());
    }

    @Test
    void byPriceADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.PRICE, shoppers());
    }

    @Test
    void byPriceDescendingADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.PRICE_DESCENDING, shoppers());
    }

    @Test
    void newestFirstADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.NEWEST, shoppers());
    }

    @Test
    void inAPriceRangeByNameADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.NAME, shoppers().and(PriceRange.of("10", "450").condition()));
    }

    @Test
    void inAPriceRangeByPriceADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.PRICE, shoppers().and(PriceRange.of("10", "450").condition()));
    }

    @Test
    void inACategoryByNameADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.NAME, shoppers().and(inTheCategory()));
    }

    @Test
    void inACategoryByPriceADeepPageReadsWhatTheFirstReads() throws SQLException {
        assertFlat(ListingOrder.PRICE_DESCENDING, shoppers().and(inTheCategory()));
    }

    /**
     * The condition CategoryFilter does not use for a large category, measured on the same products to
     * show the measure tells the two apart: MariaDB reads every product of the category for any page.
     */
    @Test
    void theSemiJoinOfACategoryReadsTheWholeCategoryForEachPage() throws SQLException {
        Condition semiJoin = PRODUCTS.PRODUCT_ID.in(DSL.select(PRODUCT_CATEGORIES.PRODUCT_ID)
                .from(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.CATEGORY_ID.eq(categoryId)));

        QueryCost first = QueryCost.of(
                dataSource,
                db.renderInlined(catalog.pageQuery(shoppers().and(semiJoin), ListingOrder.NAME, null, PAGE)));

        assertThat(first.rowsRead())
                .as("rows and index entries read for page 1 (plan %s)", first.plan())
                .isGreaterThanOrEqualTo(PRODUCTS_IN_THE_CATALOGUE * 3 / 4);
    }

    private Condition inTheCategory() {
        String slug = db.select(CATEGORIES.SLUG)
                .from(CATEGORIES)
                .where(CATEGORIES.CATEGORY_ID.eq(categoryId))
                .fetchSingle(CATEGORIES.SLUG);
        return CategoryFilter.inCategory(db, slug);
    }

    private static Condition shoppers() {
        return PRODUCTS.IS_ACTIVE.isTrue();
    }

    /**
     * The page after {@value #PRODUCTS_BEFORE_THE_CURSOR} products holds the next products of the
     * whole list in that order, and MariaDB reads about what it reads for the first page to find it.
     */
    private void assertFlat(ListingOrder order, Condition condition) throws SQLException {
        List<String> everyProduct = db.select(PRODUCTS.PRODUCT_ID)
                .from(PRODUCTS)
                .where(condition)
                .orderBy(order.orderBy())
                .fetch(PRODUCTS.PRODUCT_ID);
        assertThat(everyProduct).hasSizeGreaterThan(PRODUCTS_BEFORE_THE_CURSOR + PAGE);
        ProductsRecord last = db.selectFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(everyProduct.get(PRODUCTS_BEFORE_THE_CURSOR - 1)))
                .fetchSingle();
        String cursor = cursors.encode(order.positionAfter(last));

        var firstPage = catalog.pageQuery(condition, order, null, PAGE);
        var deepPage = catalog.pageQuery(condition, order, cursor, PAGE);

        assertThat(deepPage.fetch().getValues(PRODUCTS.PRODUCT_ID))
                .as("the %d products after the cursor, in order %s", PAGE, order)
                .containsExactlyElementsOf(
                        everyProduct.subList(PRODUCTS_BEFORE_THE_CURSOR, PRODUCTS_BEFORE_THE_CURSOR + PAGE));
        QueryCost first = QueryCost.of(dataSource, db.renderInlined(firstPage));
        QueryCost deep = QueryCost.of(dataSource, db.renderInlined(deepPage));
        assertThat(deep.rowsRead())
                .as(
                        "rows and index entries read for the page after %,d products (plan %s) against page 1 (%,d, plan %s)",
                        PRODUCTS_BEFORE_THE_CURSOR, deep.plan(), first.rowsRead(), first.plan())
                .isLessThanOrEqualTo(first.rowsRead() * 3 / 2 + PAGE)
                .isLessThan(10L * PAGE);
    }
}
