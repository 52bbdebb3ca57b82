package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static serverlessshop.products.db.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.lambda.TestDatabaseProperties;
import serverlessshop.products.testing.TestDatabase;

/**
 * The figures of docs/decisions/0008-search-by-word-prefix.md: a catalogue of
 * {@code -Dproducts.search.measure=100000} products on MariaDB (words drawn from a 30,000-word
 * vocabulary with Zipf frequencies, as natural text has them; most descriptions a few hundred
 * characters, one in fifty 5,000), searched for a common word, a rare word, a prefix, a miss and two
 * words: first with the substring search the catalogue had (LIKE '%text%' at schema version 4), then,
 * after migrations 5 and 6 have written the words of every product, with the search by word prefix.
 * Prints EXPLAIN, the rows and index entries read (Handler_read_*) and the median of 5 runs of each.
 * Not part of the suite (minutes, and a database of its own):
 * {@code ./mvnw -pl products-impl -am test -Dtest=SearchAtScaleMeasurement -Dproducts.search.measure=100000
 * -Dsurefire.failIfNoSpecifiedTests=false} (its MariaDB execution).
 */
@ExtendWith(TestDatabase.class)
@Tag(TestDatabase.MARIADB_ONLY)
@EnabledIfSystemProperty(named = "products.search.measure", matches = "\\d+")
class SearchAtScaleMeasurement {

    private static final int VOCABULARY = 30_000;

    @Test
    void measureTheSubstringSearchAndTheWordSearch() throws SQLException {
        int count = Integer.parseInt(System.getProperty("products.search.measure"));
        Map<String, String> testDatabase = TestDatabaseProperties.get();
        String user = testDatabase.get("spring.datasource.username");
        String password = testDatabase.get("spring.datasource.password");
        String serverUrl = testDatabase.get("spring.datasource.url");
        String database = "products_search_" + ProcessHandle.current().pid();
        String url = serverUrl.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + database);
        DriverManagerDataSource server = new DriverManagerDataSource(serverUrl, user, password);
        DSL.using(server, SQLDialect.MARIADB)
                .execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
            measure(dataSource, count);
        } finally {
            DSL.using(server, SQLDialect.MARIADB).execute("DROP DATABASE " + database);
        }
    }

    private static void measure(DriverManagerDataSource dataSource, int count) throws SQLException {
        Flyway.configure().dataSource(dataSource).target("4").load().migrate();
        DSLContext db = DSL.using(dataSource, SQLDialect.MARIADB);
        List<String> vocabulary = vocabulary();
        long start = System.nanoTime();
        seed(db, vocabulary, count);
        db.execute("ANALYZE TABLE products");
        System.out.printf(
                "seeded %,d products (%,d MB of data) in %.0f s%n",
                count, megabytes(db, "products"), (System.nanoTime() - start) / 1e9);

        Map<String, String> searches = new LinkedHashMap<>();
        searches.put("common word", vocabulary.get(0));
        searches.put("frequent word", vocabulary.get(100));
        searches.put("rare word", vocabulary.get(20_000));
        searches.put("3-letter prefix", vocabulary.get(50).substring(0, 3));
        searches.put("1-letter prefix", vocabulary.get(1).substring(0, 1));
        searches.put("miss", "zzqxv");
        searches.put("common + rare", vocabulary.get(0) + " " + vocabulary.get(20_000));

        Map<String, String> before = report(
                db,
                dataSource,
                searches,
                text -> PRODUCTS.NAME
                        .containsIgnoreCase(text)
                        .or(PRODUCTS.SKU.containsIgnoreCase(text))
                        .or(PRODUCTS.DESCRIPTION.containsIgnoreCase(text)));

        start = System.nanoTime();
        Flyway.configure().dataSource(dataSource).load().migrate();
        double migration = (System.nanoTime() - start) / 1e9;
        db.execute("ANALYZE TABLE products, product_words");
        System.out.printf(
                "migrations 5 and 6: %,d words of %,d products (%,d MB with its indexes) in %.0f s%n",
                db.fetchCount(DSL.table("product_words")), count, megabytes(db, "product_words"), migration);

        Map<String, String> after =
                report(db, dataSource, searches, text -> SearchIndex.matchesEvery(ProductWords.ofSearch(text)));
        assertThat(after).hasSameSizeAs(before);
    }

    /** Per search: the first page of a shopper's search (21 rows, as the service asks), measured. */
    private static Map<String, String> report(
            DSLContext db,
            DriverManagerDataSource dataSource,
            Map<String, String> searches,
            Function<String, Condition> matching)
            throws SQLException {
        Map<String, String> lines = new LinkedHashMap<>();
        for (var search : searches.entrySet()) {
            String sql = db.renderInlined(db.selectFrom(PRODUCTS)
                    .where(PRODUCTS.IS_ACTIVE.isTrue().and(matching.apply(search.getValue())))
                    .orderBy(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID)
                    .limit(21));
            QueryCost cost = QueryCost.of(dataSource, sql);
            double median = QueryCost.medianMillis(dataSource, sql, 5);
            int found = db.fetchCount(DSL.selectFrom(PRODUCTS).where(matching.apply(search.getValue())));
            String line = String.format(
                    "| %s `%s` | %,d | %s | %,d | %.1f ms |",
                    search.getKey(), search.getValue(), found, cost.plan(), cost.rowsRead(), median);
            System.out.println(line);
            lines.put(search.getKey(), line);
        }
        return lines;
    }

    /** Distinct made-up words of 2 to 4 syllables, the most frequent first. */
    private static List<String> vocabulary() {
        Random random = new Random(42);
        String consonants = "bcdfghklmnprstvz";
        String vowels = "aeiou";
        var words = new java.util.LinkedHashSet<String>();
        while (words.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(consonants.charAt(random.nextInt(consonants.length())))
                        .append(vowels.charAt(random.nextInt(vowels.length())));
            }
            words.add(word.toString());
        }
        return new ArrayList<>(words);
    }

    private static void seed(DSLContext db, List<String> vocabulary, int count) {
        double[] cumulative = new double[vocabulary.size()];
        double sum = 0;
        for (int rank = 0; rank < cumulative.length; rank++) {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
        Random random = new Random(7);
        List<ProductsRecord> batch = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ProductsRecord product = db.newRecord(PRODUCTS);
            product.setProductId(UUID.randomUUID().toString());
            product.setSku(String.format("SKU-%07d", n));
            product.setName(text(vocabulary, cumulative, sum, random, 3, 255));
            int words = random.nextInt(50) == 0 ? 900 : 20 + random.nextInt(60);
            product.setDescription(text(vocabulary, cumulative, sum, random, words, 5_000));
            product.setPrice(new BigDecimal("9.99"));
            product.setStockQuantity(10);
            product.setIsActive(true);
            product.setVersion(1L);
            batch.add(product);
            if (batch.size() == 1_000 || n == count - 1) {
                db.insertInto(PRODUCTS, PRODUCTS.fields())
                        .valuesOfRecords(batch)
                        .execute();
                batch.clear();
            }
        }
    }

    private static String text(
            List<String> vocabulary, double[] cumulative, double sum, Random random, int words, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            int rank = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            String word = vocabulary.get(rank < 0 ? -rank - 1 : rank);
            if (text.length() + word.length() + 1 > maxLength) {
                break;
            }
            text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        return text.toString();
    }

    private static long megabytes(DSLContext db, String table) {
        Object megabytes = db.fetchValue(
                "SELECT (data_length + index_length) DIV 1048576 FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = ?",
                table);
        return ((Number) megabytes).longValue();
    }
}
