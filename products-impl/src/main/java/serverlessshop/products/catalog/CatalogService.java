package serverlessshop.products.catalog;

import static serverlessshop.products.db.Tables.PRODUCTS;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.api.model.ProductCreate;
import serverlessshop.products.api.model.ProductUpdate;
import serverlessshop.products.categories.ProductCategories;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.images.ProductImages;
import serverlessshop.support.http.Cursors;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

/** Reads and changes the catalog. Every write bumps the product's version, its ETag. */
@Service
public class CatalogService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    /** Each order has its own key besides the id: ListingOrder checks it. */
    private static final List<String> CURSOR_KEYS = List.of("id");

    private final DSLContext db;
    private final Clock clock;
    private final Cursors cursors;
    private final ProductCategories categories;
    private final ProductImages images;

    CatalogService(DSLContext db, Clock clock, Cursors cursors, ProductCategories categories, ProductImages images) {
        this.db = db;
        this.clock = clock;
        this.cursors = cursors;
        this.categories = categories;
        this.images = images;
    }

    /**
     * Products in the listing's order after the cursor's position (keyset pagination: no OFFSET), of
     * those its filters let through: with a text, those with a word beginning with each of its words
     * (SearchIndex); with a category, those in it; with a price range, those within it.
     */
    @Transactional(readOnly = true)
    public ProductListing list(ListingRequest request, Caller caller) {
        Condition condition =
                visibleTo(caller, request.active()).and(request.prices().condition());
        if (request.text() != null) {
            condition = condition.and(SearchIndex.matchesEvery(ProductWords.ofSearch(request.text())));
        }
        if (request.category() != null) {
            condition = condition.and(CategoryFilter.inCategory(db, request.category()));
        }
        int limit = request.limit();
        List<ProductsRecord> page = pageQuery(condition, request.order(), request.cursor(), limit + 1)
                .fetch();
        if (page.size() <= limit) {
            return new ProductListing(page, null);
        }
        return new ProductListing(
                page.subList(0, limit), cursors.encode(request.order().positionAfter(page.get(limit - 1))));
    }

    /** Up to {@code size} products in this order, after the cursor's position. */
    ResultQuery<ProductsRecord> pageQuery(Condition condition, ListingOrder order, String cursor, int size) {
        var query = db.selectFrom(PRODUCTS).where(condition).orderBy(order.orderBy());
        if (cursor == null) {
            return query.limit(size);
        }
        return query.seek(order.seekValues(cursors.decode(cursor, CURSOR_KEYS))).limit(size);
    }

    /** The product; an inactive one only for administrators (anybody else: 404). */
    @Transactional(readOnly = true)
    public ProductsRecord get(UUID productId, Caller caller) {
        ProductsRecord product = db.selectFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId.toString()).and(visibleTo(caller, null)))
                .fetchOne();
        if (product == null) {
            throw new ProductNotFound(productId);
        }
        return product;
    }

    @Transactional
    public ProductsRecord create(ProductCreate request) {
        LocalDateTime now = now();
        ProductsRecord product = db.newRecord(PRODUCTS);
        product.setProductId(IDS.generate().toString());
        product.setSku(request.getSku());
        product.setName(request.getName());
        product.setDescription(request.getDescription());
        product.setPrice(request.getPrice());
        product.setStockQuantity(request.getStockQuantity());
        product.setIsActive(request.getIsActive());
        product.setCreatedAt(now);
        product.setUpdatedAt(now);
        product.setVersion(1L);
        try {
            product.insert();
        } catch (DuplicateKeyException e) {
            throw new DuplicateSku(request.getSku());
        }
        SearchIndex.write(db, product.getProductId(), product.getSku(), product.getName(), product.getDescription());
        if (request.getCategoryIds() != null) {
            categories.replace(product.getProductId(), request.getCategoryIds());
        }
        return product;
    }

    /**
     * Replaces the writable fields if the product is still at the version If-Match names; its
     * categories only when the request names them (null: as they are, see ProductUpdateJson).
     */
    @Transactional
    public ProductsRecord update(UUID productId, String ifMatch, ProductUpdate request) {
        Long expected = ETags.expectedVersion(ifMatch);
        int updated;
        try {
            updated = db.update(PRODUCTS)
                    .set(PRODUCTS.SKU, request.getSku())
                    .set(PRODUCTS.NAME, request.getName())
                    .set(PRODUCTS.DESCRIPTION, request.getDescription())
                    .set(PRODUCTS.PRICE, request.getPrice())
                    .set(PRODUCTS.STOCK_QUANTITY, request.getStockQuantity())
                    .set(PRODUCTS.IS_ACTIVE, request.getIsActive())
                    .set(PRODUCTS.UPDATED_AT, now())
                    .set(PRODUCTS.VERSION, PRODUCTS.VERSION.plus(1))
                    .where(PRODUCTS.PRODUCT_ID.eq(productId.toString()).and(atVersion(expected)))
                    .execute();
        } catch (DuplicateKeyException e) {
            throw new DuplicateSku(request.getSku());
        }
        if (updated == 0) {
            throw missingOrChanged(productId);
        }
        SearchIndex.write(db, productId.toString(), request.getSku(), request.getName(), request.getDescription());
        if (request.getCategoryIds() != null) {
            categories.replace(productId.toString(), request.getCategoryIds());
        }
        return db.selectFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId.toString()))
                .fetchSingle();
    }

    /**
     * Deletes the product (and its words and images: ON DELETE CASCADE), then the images' files; with
     * If-Match, only if it is still at that version.
     */
    @Transactional
    public void delete(UUID productId, String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        images.deleteFilesWithProduct(productId);
        int deleted = db.deleteFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId.toString()).and(atVersion(expected)))
                .execute();
        if (deleted == 0) {
            throw missingOrChanged(productId);
        }
    }

    private RuntimeException missingOrChanged(UUID productId) {
        boolean exists = db.fetchExists(PRODUCTS, PRODUCTS.PRODUCT_ID.eq(productId.toString()));
        return exists ? ETags.preconditionFailed() : new ProductNotFound(productId);
    }

    private static Condition atVersion(Long expected) {
        return expected == null ? DSL.noCondition() : PRODUCTS.VERSION.eq(expected);
    }

    /** Shoppers see active products only; administrators see all, or filter with {@code active}. */
    private static Condition visibleTo(Caller caller, Boolean active) {
        if (!caller.isAdmin()) {
            return PRODUCTS.IS_ACTIVE.isTrue();
        }
        return active == null ? DSL.noCondition() : PRODUCTS.IS_ACTIVE.eq(active);
    }

    /** Seconds: what a MySQL TIMESTAMP keeps, so what we return is what a later read returns. */
    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
