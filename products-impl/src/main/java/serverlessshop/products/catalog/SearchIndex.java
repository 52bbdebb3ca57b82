package serverlessshop.products.catalog;

import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_WORDS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;

/**
 * The catalog's search by word prefix: the words of each product in {@code product_words}, and the
 * condition that a product has a word beginning with each word of a search. Every word of a search
 * is a range of that table's primary key, so a search reads the index entries of its words, never
 * the whole catalog (docs/decisions/0008-search-by-word-prefix.md). Plain SQL: the same on MySQL and
 * on H2.
 */
public final class SearchIndex {

    private SearchIndex() {}

    /**
     * Rows per INSERT: a product's words (a 5,000-character description has several hundred) in a few
     * statements, each far below MySQL's limits and small enough for H2, whose equivalent of INSERT
     * IGNORE (a MERGE of a UNION ALL of the rows) nests one level per row.
     */
    static final int ROWS_PER_INSERT = 250;

    /** Replaces the product's words with those of its SKU, name and description. */
    public static void write(DSLContext db, String productId, String sku, String name, String description) {
        db.deleteFrom(PRODUCT_WORDS)
                .where(PRODUCT_WORDS.PRODUCT_ID.eq(productId))
                .execute();
        List<Row2<String, String>> rows = new ArrayList<>();
        for (String word : ProductWords.of(sku, name, description)) {
            rows.add(DSL.row(word, productId));
        }
        insert(db, rows);
    }

    /** Inserts (word, product id) rows; words the product already has are skipped. */
    public static void insert(DSLContext db, List<Row2<String, String>> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            db.insertInto(PRODUCT_WORDS, PRODUCT_WORDS.WORD, PRODUCT_WORDS.PRODUCT_ID)
                    .valuesOfRows(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)))
                    // Two words Java tells apart may be one to the column's collation
                    // (utf8mb4_unicode_ci: "ß" and "ss"): the product has that word either way.
                    .onDuplicateKeyIgnore()
                    .execute();
        }
    }

    /**
     * Products with a word beginning with each of these words (all of them must match); no words,
     * no product. Words come from {@link ProductWords}: letters and digits only, so nothing in them
     * is a LIKE wildcard.
     */
    static Condition matchesEvery(List<String> words) {
        if (words.isEmpty()) {
            return DSL.falseCondition();
        }
        Condition condition = DSL.noCondition();
        for (String word : words) {
            condition = condition.and(PRODUCTS.PRODUCT_ID.in(DSL.select(PRODUCT_WORDS.PRODUCT_ID)
                    .from(PRODUCT_WORDS)
                    .where(PRODUCT_WORDS.WORD.like(word + "%"))));
        }
        return condition;
    }
}
