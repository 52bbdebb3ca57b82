package serverlessshop.products.categories;

import static serverlessshop.products.db.Tables.CATEGORIES;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.api.model.CategoryWrite;
import serverlessshop.products.db.tables.records.CategoriesRecord;
import serverlessshop.support.http.Cursors;
import serverlessshop.support.http.ETags;

/** Reads and changes the categories. Every write bumps the category's version, its ETag. */
@Service
class CategoryService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    /** Not the products' keys: a product listing's cursor is refused here (400), not read as a position. */
    private static final List<String> CURSOR_KEYS = List.of("name", "category_id");

    private final DSLContext db;
    private final Clock clock;
    private final Cursors cursors;

    CategoryService(DSLContext db, Clock clock, Cursors cursors) {
        this.db = db;
        this.clock = clock;
        this.cursors = cursors;
    }

    /** Categories by name, then id, after the cursor's position (keyset pagination on ix_categories_name). */
    @Transactional(readOnly = true)
    public CategoryListing list(int limit, String cursor) {
        var query = db.selectFrom(CATEGORIES).orderBy(CATEGORIES.NAME, CATEGORIES.CATEGORY_ID);
        List<CategoriesRecord> page;
        if (cursor == null) {
            page = query.limit(limit + 1).fetch();
        } else {
            Map<String, String> after = cursors.decode(cursor, CURSOR_KEYS);
            page = query.seek(after.get("name"), after.get("category_id"))
                    .limit(limit + 1)
                    .fetch();
        }
        if (page.size() <= limit) {
            return new CategoryListing(page, null);
        }
        CategoriesRecord last = page.get(limit - 1);
        return new CategoryListing(
                page.subList(0, limit),
                cursors.encode(Map.of("name", last.getName(), "category_id", last.getCategoryId())));
    }

    @Transactional(readOnly = true)
    public CategoriesRecord get(UUID categoryId) {
        CategoriesRecord category = db.selectFrom(CATEGORIES)
                .where(CATEGORIES.CATEGORY_ID.eq(categoryId.toString()))
                .fetchOne();
        if (category == null) {
            throw new CategoryNotFound(categoryId);
        }
        return category;
    }

    @Transactional
    public CategoriesRecord create(CategoryWrite request) {
        LocalDateTime now = now();
        CategoriesRecord category = db.newRecord(CATEGORIES);
        category.setCategoryId(IDS.generate().toString());
        category.setSlug(request.getSlug());
        category.setName(request.getName());
        category.setVersion(1L);
        category.setCreatedAt(now);
        category.setUpdatedAt(now);
        try {
            category.insert();
        } catch (DuplicateKeyException e) {
            throw new DuplicateSlug(request.getSlug());
        }
        return category;
    }

    /** Replaces the slug and the name if the category is still at the version If-Match names. */
    @Transactional
    public CategoriesRecord update(UUID categoryId, String ifMatch, CategoryWrite request) {
        Long expected = ETags.expectedVersion(ifMatch);
        int updated;
        try {
            updated = db.update(CATEGORIES)
                    .set(CATEGORIES.SLUG, request.getSlug())
                    .set(CATEGORIES.NAME, request.getName())
                    .set(CATEGORIES.UPDATED_AT, now())
                    .set(CATEGORIES.VERSION, CATEGORIES.VERSION.plus(1))
                    .where(CATEGORIES.CATEGORY_ID.eq(categoryId.toString()).and(atVersion(expected)))
                    .execute();
        } catch (DuplicateKeyException e) {
            throw new DuplicateSlug(request.getSlug());
        }
        if (updated == 0) {
            throw missingOrChanged(categoryId);
        }
        return db.selectFrom(CATEGORIES)
                .where(CATEGORIES.CATEGORY_ID.eq(categoryId.toString()))
                .fetchSingle();
    }

    /** Deletes the category and its links to products (ON DELETE CASCADE); the products stay. */
    @Transactional
    public void delete(UUID categoryId, String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        int deleted = db.deleteFrom(CATEGORIES)
                .where(CATEGORIES.CATEGORY_ID.eq(categoryId.toString()).and(atVersion(expected)))
                .execute();
        if (deleted == 0) {
            throw missingOrChanged(categoryId);
        }
    }

    private RuntimeException missingOrChanged(UUID categoryId) {
        boolean exists = db.fetchExists(CATEGORIES, CATEGORIES.CATEGORY_ID.eq(categoryId.toString()));
        return exists ? ETags.preconditionFailed() : new CategoryNotFound(categoryId);
    }

    private static Condition atVersion(Long expected) {
        return expected == null ? DSL.noCondition() : CATEGORIES.VERSION.eq(expected);
    }

    /** Milliseconds: what a DATETIME(3) keeps, so what we return is what a later read returns. */
    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
