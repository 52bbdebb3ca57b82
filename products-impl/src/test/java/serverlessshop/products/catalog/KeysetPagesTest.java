package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.http.Cursors;

/**
 * A deep catalogue page costs what the first does: the query the service sends for a page after a
 * cursor reads about a page of index entries on MariaDB, not every entry before the cursor.
 */
@WholeProductsService
@Tag(TestDatabase.MARIADB_ONLY)
class KeysetPagesTest {

    private static final String PREFIX = "Keyset page test ";
    private static final int PRODUCTS_BEFORE_THE_CURSOR = 2_000;

    @Autowired
    CatalogService catalog;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    @Autowired
    Cursors cursors;

    @AfterEach
    void removeTheProducts() {
        db.deleteFrom(PRODUCTS).where(PRODUCTS.NAME.startsWith(PREFIX)).execute();
    }

    @Test
    void aPageAfterTheCursorReadsAboutAPageOfTheIndex() throws SQLException {
        List<ProductsRecord> products =
                IntStream.range(0, 3_000).mapToObj(this::product).toList();
        db.batchInsert(products).execute();
        ProductsRecord last = products.get(PRODUCTS_BEFORE_THE_CURSOR - 1);
        String cursor = cursors.encode(Map.of("name", last.getName(), "id", last.getProductId()));

        ResultQuery<ProductsRecord> page = catalog.pageQuery(PRODUCTS.IS_ACTIVE.isTrue(), cursor, 21);

        assertThat(page.fetch().getValues(PRODUCTS.NAME))
                .as("the 21 products after the cursor, in order")
                .containsExactlyElementsOf(
                        products.subList(PRODUCTS_BEFORE_THE_CURSOR, PRODUCTS_BEFORE_THE_CURSOR + 21).stream()
                                .map(ProductsRecord::getName)
                                .toList());
        assertThat(indexEntriesRead(db.renderInlined(page)))
                .as("index entries MariaDB reads for the page after %,d products", PRODUCTS_BEFORE_THE_CURSOR)
                .isLessThan(100);
    }

    private ProductsRecord product(int n) {
        ProductsRecord product = db.newRecord(PRODUCTS);
        product.setProductId(UUID.randomUUID().toString());
        product.setSku("KEYSET-" + UUID.randomUUID());
        product.setName(PREFIX + String.format("%05d", n));
        product.setPrice(new BigDecimal("1.00"));
        product.setStockQuantity(1);
        product.setIsActive(true);
        return product;
    }

    /** MariaDB's own count of the index entries a statement read, in a session of its own. */
    private long indexEntriesRead(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long before = handlerReadNext(statement);
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    // Read every row: the count is complete when the result is.
                }
            }
            return handlerReadNext(statement) - before;
        }
    }

    private static long handlerReadNext(Statement statement) throws SQLException {
        try (ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read_next'")) {
            status.next();
            return status.getLong(2);
        }
    }
}
