package serverlessshop.products.catalog;

import static serverlessshop.products.db.Tables.CATEGORIES;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_CATEGORIES;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The catalogue's {@code category}: products linked to the category with that slug. How the condition
 * is written decides how MariaDB reads a page of it. {@code product_id IN (SELECT ... WHERE
 * category_id = ?)} becomes a semi-join that MariaDB starts from product_categories, whose key is led
 * by the category: it reads every product of the category and sorts them all for each page (50,000
 * rows for a page of a category of 20,000 among 100,000 products, page 1 as page 1000). A category of
 * many products is better read the other way: the listing's own index from the cursor on, asking
 * product_categories's primary key about each product, a page divided by the category's share of the
 * catalogue (about 300 rows for that category). A correlated scalar subquery is not turned into a
 * semi-join, so it is read that way. A small category is still read from its links: the whole of it
 * costs less than the products passed over before a page of it is found.
 */
final class CategoryFilter {

    /** Up to this many products, a category is read whole and sorted; beyond, along the listing's index. */
    static final int SMALL = 1_000;

    private CategoryFilter() {}

    /** Products in the category with this slug; no such category, no product. */
    static Condition inCategory(DSLContext db, String slug) {
        String categoryId = db.select(CATEGORIES.CATEGORY_ID)
                .from(CATEGORIES)
                .where(CATEGORIES.SLUG.eq(slug))
                .fetchOne(CATEGORIES.CATEGORY_ID);
        if (categoryId == null) {
            return DSL.falseCondition();
        }
        // Reads at most SMALL + 1 entries of the primary key, however large the category.
        boolean large = db.select(PRODUCT_CATEGORIES.PRODUCT_ID)
                .from(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.CATEGORY_ID.eq(categoryId))
                .orderBy(PRODUCT_CATEGORIES.PRODUCT_ID)
                .limit(1)
                .offset(SMALL)
                .fetchOptional()
                .isPresent();
        if (!large) {
            return PRODUCTS.PRODUCT_ID.in(DSL.select(PRODUCT_CATEGORIES.PRODUCT_ID)
                    .from(PRODUCT_CATEGORIES)
                    .where(PRODUCT_CATEGORIES.CATEGORY_ID.eq(categoryId)));
        }
        return DSL.field(DSL.select(PRODUCT_CATEGORIES.CATEGORY_ID)
                        .from(PRODUCT_CATEGORIES)
                        .where(PRODUCT_CATEGORIES.CATEGORY_ID.eq(categoryId))
                        .and(PRODUCT_CATEGORIES.PRODUCT_ID.eq(PRODUCTS.PRODUCT_ID)))
                .eq(categoryId);
    }
}
