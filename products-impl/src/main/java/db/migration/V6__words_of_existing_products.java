package db.migration;

import static serverlessshop.products.db.Tables.PRODUCTS;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import serverlessshop.products.catalog.ProductWords;
import serverlessshop.products.catalog.SearchIndex;

/**
 * Fills product_words (V5) for the products that existed before it: their words come from Java
 * (ProductWords), the same rules the service applies to every product it writes afterwards. Reads the
 * catalogue in pages of product ids and writes their words a few hundred rows per statement.
 */
public class V6__words_of_existing_products extends BaseJavaMigration {

    private static final int PAGE = 500;

    @Override
    public void migrate(Context context) {
        DSLContext db = DSL.using(context.getConnection());
        String after = "";
        while (true) {
            Result<Record4<String, String, String, String>> page = db.select(
                            PRODUCTS.PRODUCT_ID, PRODUCTS.SKU, PRODUCTS.NAME, PRODUCTS.DESCRIPTION)
                    .from(PRODUCTS)
                    .where(PRODUCTS.PRODUCT_ID.gt(after))
                    .orderBy(PRODUCTS.PRODUCT_ID)
                    .limit(PAGE)
                    .fetch();
            if (page.isEmpty()) {
                return;
            }
            List<Row2<String, String>> rows = new ArrayList<>();
            for (var product : page) {
                for (String word : ProductWords.of(product.value2(), product.value3(), product.value4())) {
                    rows.add(DSL.row(word, product.value1()));
                }
            }
            SearchIndex.insert(db, rows);
            after = page.get(page.size() - 1).value1();
        }
    }
}
