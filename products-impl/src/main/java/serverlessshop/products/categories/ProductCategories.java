package serverlessshop.products.categories;

import static serverlessshop.products.db.Tables.CATEGORIES;
import static serverlessshop.products.db.Tables.PRODUCT_CATEGORIES;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Which categories each product is in: read for the products of an answer, written with the product. */
@Component
public class ProductCategories {

    private final DSLContext db;

    ProductCategories(DSLContext db) {
        this.db = db;
    }

    /** The category ids of each of these products (an empty list for one in none), in one query. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> of(List<String> productIds) {
        Map<String, List<String>> categories = new HashMap<>();
        productIds.forEach(id -> categories.put(id, new ArrayList<>()));
        if (productIds.isEmpty()) {
            return categories;
        }
        db.select(PRODUCT_CATEGORIES.PRODUCT_ID, PRODUCT_CATEGORIES.CATEGORY_ID)
                .from(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.PRODUCT_ID.in(productIds))
                .orderBy(PRODUCT_CATEGORIES.PRODUCT_ID, PRODUCT_CATEGORIES.CATEGORY_ID)
                .forEach(link -> categories.get(link.value1()).add(link.value2()));
        return categories;
    }

    /**
     * Puts the product in exactly these categories, in the caller's transaction (the product's own
     * write): 422 naming each id no category has, and then the caller's whole write is rolled back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void replace(String productId, Collection<UUID> categoryIds) {
        List<String> ids = categoryIds.stream().map(UUID::toString).toList();
        requireKnown(ids);
        db.deleteFrom(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.PRODUCT_ID.eq(productId))
                .execute();
        if (ids.isEmpty()) {
            return;
        }
        var insert = db.insertInto(PRODUCT_CATEGORIES, PRODUCT_CATEGORIES.CATEGORY_ID, PRODUCT_CATEGORIES.PRODUCT_ID);
        for (String id : ids) {
            insert = insert.values(id, productId);
        }
        try {
            insert.execute();
        } catch (DataIntegrityViolationException e) {
            // A category deleted since requireKnown looked: the foreign key refused the link.
            requireKnown(ids);
            throw e;
        }
    }

    private void requireKnown(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> known = db.select(CATEGORIES.CATEGORY_ID)
                .from(CATEGORIES)
                .where(CATEGORIES.CATEGORY_ID.in(ids))
                .fetchSet(CATEGORIES.CATEGORY_ID);
        SortedMap<Integer, String> unknown = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                unknown.put(i, ids.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownCategory(unknown);
        }
    }
}
