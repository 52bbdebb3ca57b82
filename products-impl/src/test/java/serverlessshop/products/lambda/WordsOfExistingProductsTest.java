package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_WORDS;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.testing.TestDatabase;

/**
 * The products that exist when search by word arrives (migration 5) get their words (migration 6),
 * as the service gives them to every product it writes afterwards: a catalogue migrated on deploy is
 * searchable at once.
 */
@ExtendWith(TestDatabase.class)
class WordsOfExistingProductsTest {

    /** More than one page of the migration (500 products). */
    private static final int PRODUCTS_BEFORE = 1_234;

    @Test
    void theWordsOfExistingProductsAreWrittenOnH2() throws SQLException {
        String url = "jdbc:h2:mem:words-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1";
        try {
            assertWordsWritten(url, "sa", "");
        } finally {
            execute(url, "sa", "", "SHUTDOWN");
        }
    }

    @Test
    @Tag(TestDatabase.MARIADB_ONLY)
    void theWordsOfExistingProductsAreWrittenOnMariaDb() throws SQLException {
        Map<String, String> testDatabase = TestDatabaseProperties.get();
        String user = testDatabase.get("spring.datasource.username");
        String password = testDatabase.get("spring.datasource.password");
        String serverUrl = testDatabase.get("spring.datasource.url");
        String database = "products_words_" + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        String url = serverUrl.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + database);
        execute(
                serverUrl,
                user,
                password,
                "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            assertWordsWritten(url, user, password);
        } finally {
            execute(serverUrl, user, password, "DROP DATABASE " + database);
        }
    }

    private static void assertWordsWritten(String url, String user, String password) throws SQLException {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("5")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            DSLContext db = DSL.using(connection);
            db.batchInsert(IntStream.range(0, PRODUCTS_BEFORE)
                            .mapToObj(n -> product(db, n))
                            .toList())
                    .execute();
            ProductsRecord cafe = product(db, PRODUCTS_BEFORE);
            cafe.setSku("CAFE-01");
            cafe.setName("Café crème");
            cafe.setDescription("Straße, strasse und Größe.");
            db.executeInsert(cafe);

            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            assertThat(db.fetchCount(PRODUCT_WORDS))
                    .as("words of every product")
                    .isGreaterThanOrEqualTo(PRODUCTS_BEFORE * 4);
            assertThat(db.selectDistinct(PRODUCT_WORDS.PRODUCT_ID)
                            .from(PRODUCT_WORDS)
                            .fetch())
                    .as("products with words")
                    .hasSize(PRODUCTS_BEFORE + 1);
            assertThat(db.select(PRODUCT_WORDS.WORD)
                            .from(PRODUCT_WORDS)
                            .where(PRODUCT_WORDS.PRODUCT_ID.eq(cafe.getProductId()))
                            .fetchSet(PRODUCT_WORDS.WORD))
                    .as("lower case, without accents; \"straße\" and \"strasse\" kept once if the collation says so")
                    .contains("cafe", "01", "creme", "und", "große")
                    .containsAnyOf("straße", "strasse");
        }
    }

    private static ProductsRecord product(DSLContext db, int n) {
        ProductsRecord product = db.newRecord(PRODUCTS);
        product.setProductId(UUID.randomUUID().toString());
        product.setSku("OLD-" + n);
        product.setName("Existing product " + n);
        product.setDescription(n % 2 == 0 ? null : "Made before search by word");
        product.setPrice(new BigDecimal("1.00"));
        product.setStockQuantity(1);
        product.setIsActive(true);
        product.setVersion(1L);
        return product;
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
