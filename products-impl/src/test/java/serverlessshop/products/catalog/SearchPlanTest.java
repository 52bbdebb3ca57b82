package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/**
 * A search cannot cost a table scan: on MariaDB, the query the service sends for a shopper's {@code q}
 * reads the index entries of its words, not every product. The substring search it replaced (LIKE
 * '%text%' over name, SKU and description) is measured alongside, on the same products, to show the
 * measure tells the two apart.
 */
@WholeProductsService
@Tag(TestDatabase.MARIADB_ONLY)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPlanTest {

    private static final String PREFIX = "Search plan test ";
    private static final int PRODUCTS_IN_THE_CATALOGUE = 3_000;

    @Autowired
    CatalogService catalog;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    String rareWord;

    @BeforeAll
    void aCatalogueWithOneRareWord() {
        rareWord = "needle" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<ProductsRecord> products = new ArrayList<>();
        List<Row2<String, String>> words = new ArrayList<>();
        for (int n = 0; n < PRODUCTS_IN_THE_CATALOGUE; n++) {
            ProductsRecord product = db.newRecord(PRODUCTS);
            product.setProductId(UUID.randomUUID().toString());
            product.setSku("PLAN-" + UUID.randomUUID());
            product.setName(PREFIX + String.format("%05d", n));
            product.setDescription(
                    "A plentiful haystack of ordinary words" + (n == 1_234 ? ", and one " + rareWord : ""));
            product.setPrice(new BigDecimal("1.00"));
            product.setStockQuantity(1);
            product.setIsActive(true);
            product.setVersion(1L);
            products.add(product);
            for (String word : ProductWords.of(product.getSku(), product.getName(), product.getDescription())) {
                words.add(DSL.row(word, product.getProductId()));
            }
        }
        db.batchInsert(products).execute();
        SearchIndex.insert(db, words);
        // Statistics as a catalogue in service has them.
        db.execute("ANALYZE TABLE products, product_words");
    }

    @AfterAll
    void removeTheProducts() {
        db.deleteFrom(PRODUCTS).where(PRODUCTS.NAME.startsWith(PREFIX)).execute();
    }

    @Test
    void aSearchReadsTheIndexEntriesOfItsWordsNotTheCatalogue() throws SQLException {
        QueryCost search = cost(SearchIndex.matchesEvery(ProductWords.ofSearch(rareWord)));

        assertThat(search.plan()).as("the plan of the search").noneMatch(QueryCost.PlanRow::readsEveryRow);
        assertThat(search.rowsRead())
                .as("rows and index entries read to find 1 product among %,d", PRODUCTS_IN_THE_CATALOGUE)
                .isLessThan(20);
    }

    @Test
    void aSearchThatMatchesNothingReadsAlmostNothing() throws SQLException {
        QueryCost search = cost(SearchIndex.matchesEvery(ProductWords.ofSearch("haystack zzzqx")));

        assertThat(search.plan()).as("the plan of the search").noneMatch(QueryCost.PlanRow::readsEveryRow);
        assertThat(search.rowsRead()).as("rows and index entries read").isLessThan(20);
    }

    @Test
    void theSubstringSearchItReplacedReadsEveryProduct() throws SQLException {
        QueryCost substring = cost(PRODUCTS.NAME
                .containsIgnoreCase(rareWord)
                .or(PRODUCTS.SKU.containsIgnoreCase(rareWord))
                .or(PRODUCTS.DESCRIPTION.containsIgnoreCase(rareWord)));

        assertThat(substring.readsATableWhole())
                .as("plan %s reads a table whole", substring.plan())
                .isTrue();
        assertThat(substring.rowsRead()).isGreaterThanOrEqualTo(PRODUCTS_IN_THE_CATALOGUE);
    }

    /** The first page of a shopper's search, as the service queries it. */
    private QueryCost cost(Condition matches) throws SQLException {
        var page = catalog.pageQuery(PRODUCTS.IS_ACTIVE.isTrue().and(matches), ListingOrder.NAME, null, 21);
        return QueryCost.of(dataSource, db.renderInlined(page));
    }
}
