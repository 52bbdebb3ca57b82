package serverlessshop.products.images;

import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_IMAGES;
import static serverlessshop.products.db.Tables.PRODUCT_IMAGE_SIZES;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.db.tables.records.ProductImagesRecord;
import serverlessshop.products.db.tables.records.ProductsRecord;

/** The product_images rows and their sizes. */
@Component
class ImageRecords {

    static final String PENDING = "pending";
    static final String READY = "ready";
    static final String REJECTED = "rejected";

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final DSLContext db;
    private final Clock clock;
    private final ImagesProperties properties;

    ImageRecords(DSLContext db, Clock clock, ImagesProperties properties) {
        this.db = db;
        this.clock = clock;
        this.properties = properties;
    }

    /** A stored image with its sizes (smallest first). */
    record StoredImage(ProductImagesRecord image, List<Size> sizes) {

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            keys.add(ImageKeys.upload(image.getProductId(), image.getImageId()));
            sizes.forEach(size -> keys.add(ImageKeys.size(image.getProductId(), image.getImageId(), size.width())));
            return keys;
        }
    }

    record Size(int width, int height) {}

    /**
     * Records a pending image after the product's others. The product's row is locked meanwhile, so
     * two uploads at once cannot both take the last place or the same position.
     */
    /**
     * Deletes the product's images still pending after {@code age} (their upload's form expired long
     * before: the file never came, or it failed to process every time) and answers what they were, so
     * that they stop holding the product's places. Only while still pending: one that becomes ready
     * meanwhile stays.
     */
    @Transactional
    List<StoredImage> deleteAbandoned(UUID productId, Duration age) {
        List<ProductImagesRecord> abandoned = db.selectFrom(PRODUCT_IMAGES)
                .where(PRODUCT_IMAGES.PRODUCT_ID.eq(productId.toString()))
                .and(PRODUCT_IMAGES.STATUS.eq(PENDING))
                .and(PRODUCT_IMAGES.CREATED_AT.lt(now().minus(age)))
                .fetch();
        List<StoredImage> deleted = new ArrayList<>();
        for (ProductImagesRecord image : abandoned) {
            int rows = db.deleteFrom(PRODUCT_IMAGES)
                    .where(PRODUCT_IMAGES.IMAGE_ID.eq(image.getImageId()).and(PRODUCT_IMAGES.STATUS.eq(PENDING)))
                    .execute();
            if (rows == 1) {
                deleted.add(new StoredImage(image, List.of()));
            }
        }
        if (!deleted.isEmpty()) {
            changed(productId.toString());
        }
        return deleted;
    }

    /** Whether the product exists and may have another image; a problem otherwise. No lock. */
    @Transactional(readOnly = true)
    void checkRoomFor(UUID productId) {
        if (!db.fetchExists(PRODUCTS, PRODUCTS.PRODUCT_ID.eq(productId.toString()))) {
            throw new ImageProductNotFound(productId);
        }
        if (db.fetchCount(PRODUCT_IMAGES, PRODUCT_IMAGES.PRODUCT_ID.eq(productId.toString()))
                >= properties.maxImages()) {
            throw new TooManyImages(productId, properties.maxImages());
        }
    }

    /** A new image's id: time-ordered (UUIDv7), as the products'. */
    static String newImageId() {
        return IDS.generate().toString();
    }

    @Transactional
    StoredImage addPending(UUID productId, String imageId, String contentType, int contentLength, String alt) {
        ProductsRecord product = db.selectFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId.toString()))
                .forUpdate()
                .fetchOne();
        if (product == null) {
            throw new ImageProductNotFound(productId);
        }
        Record counts = db.select(DSL.count(), DSL.max(PRODUCT_IMAGES.POSITION))
                .from(PRODUCT_IMAGES)
                .where(PRODUCT_IMAGES.PRODUCT_ID.eq(product.getProductId()))
                .fetchSingle();
        int count = counts.get(0, Integer.class);
        if (count >= properties.maxImages()) {
            throw new TooManyImages(productId, properties.maxImages());
        }
        Integer last = counts.get(1, Integer.class);
        LocalDateTime now = now();
        ProductImagesRecord image = db.newRecord(PRODUCT_IMAGES);
        image.setImageId(imageId);
        image.setProductId(product.getProductId());
        image.setPosition(last == null ? 1 : last + 1);
        image.setStatus(PENDING);
        image.setContentType(contentType);
        image.setContentLength(contentLength);
        image.setAlt(alt == null ? product.getName() : alt);
        image.setCreatedAt(now);
        image.setUpdatedAt(now);
        image.insert();
        changed(product.getProductId());
        return new StoredImage(image, List.of());
    }

    @Transactional(readOnly = true)
    StoredImage find(String productId, String imageId) {
        ProductImagesRecord image = db.selectFrom(PRODUCT_IMAGES)
                .where(PRODUCT_IMAGES.IMAGE_ID.eq(imageId).and(PRODUCT_IMAGES.PRODUCT_ID.eq(productId)))
                .fetchOne();
        if (image == null) {
            return null;
        }
        List<Size> sizes = db.select(PRODUCT_IMAGE_SIZES.WIDTH, PRODUCT_IMAGE_SIZES.HEIGHT)
                .from(PRODUCT_IMAGE_SIZES)
                .where(PRODUCT_IMAGE_SIZES.IMAGE_ID.eq(imageId))
                .orderBy(PRODUCT_IMAGE_SIZES.WIDTH)
                .fetch(row -> new Size(row.value1(), row.value2()));
        return new StoredImage(image, sizes);
    }

    /** The images of the products, each product's in order; with {@code readyOnly}, ready ones only. One query. */
    @Transactional(readOnly = true)
    Map<String, List<StoredImage>> ofProducts(Collection<String> productIds, boolean readyOnly) {
        Map<String, List<StoredImage>> byProduct = new LinkedHashMap<>();
        if (productIds.isEmpty()) {
            return byProduct;
        }
        Condition condition = PRODUCT_IMAGES.PRODUCT_ID.in(productIds);
        if (readyOnly) {
            condition = condition.and(PRODUCT_IMAGES.STATUS.eq(READY));
        }
        Map<String, StoredImage> byImage = new LinkedHashMap<>();
        db.select(PRODUCT_IMAGES.fields())
                .select(PRODUCT_IMAGE_SIZES.WIDTH, PRODUCT_IMAGE_SIZES.HEIGHT)
                .from(PRODUCT_IMAGES)
                .leftJoin(PRODUCT_IMAGE_SIZES)
                .on(PRODUCT_IMAGE_SIZES.IMAGE_ID.eq(PRODUCT_IMAGES.IMAGE_ID))
                .where(condition)
                .orderBy(
                        PRODUCT_IMAGES.PRODUCT_ID,
                        PRODUCT_IMAGES.POSITION,
                        PRODUCT_IMAGES.IMAGE_ID,
                        PRODUCT_IMAGE_SIZES.WIDTH)
                .forEach(row -> {
                    ProductImagesRecord image = row.into(PRODUCT_IMAGES);
                    StoredImage stored = byImage.computeIfAbsent(image.getImageId(), id -> {
                        StoredImage created = new StoredImage(image, new ArrayList<>());
                        byProduct
                                .computeIfAbsent(image.getProductId(), product -> new ArrayList<>())
                                .add(created);
                        return created;
                    });
                    Integer width = row.get(PRODUCT_IMAGE_SIZES.WIDTH);
                    if (width != null) {
                        stored.sizes().add(new Size(width, row.get(PRODUCT_IMAGE_SIZES.HEIGHT)));
                    }
                });
        return byProduct;
    }

    /** Deletes the image's row (its sizes cascade); what it was, or null when there was none. */
    @Transactional
    StoredImage delete(String productId, String imageId) {
        StoredImage image = find(productId, imageId);
        if (image != null) {
            db.deleteFrom(PRODUCT_IMAGES)
                    .where(PRODUCT_IMAGES.IMAGE_ID.eq(imageId))
                    .execute();
            changed(productId);
        }
        return image;
    }

    /** Ready with its sizes, if it is still pending (a redelivered upload finds it done). */
    @Transactional
    boolean markReady(String productId, String imageId, List<Size> sizes) {
        int updated = db.update(PRODUCT_IMAGES)
                .set(PRODUCT_IMAGES.STATUS, READY)
                .set(PRODUCT_IMAGES.UPDATED_AT, now())
                .where(PRODUCT_IMAGES.IMAGE_ID.eq(imageId).and(PRODUCT_IMAGES.STATUS.eq(PENDING)))
                .execute();
        if (updated == 0) {
            return false;
        }
        for (Size size : sizes) {
            db.insertInto(PRODUCT_IMAGE_SIZES)
                    .set(PRODUCT_IMAGE_SIZES.IMAGE_ID, imageId)
                    .set(PRODUCT_IMAGE_SIZES.WIDTH, size.width())
                    .set(PRODUCT_IMAGE_SIZES.HEIGHT, size.height())
                    .execute();
        }
        changed(productId);
        return true;
    }

    /** Rejected with the reason, if it is still pending. */
    @Transactional
    boolean markRejected(String productId, String imageId, String problem) {
        int updated = db.update(PRODUCT_IMAGES)
                .set(PRODUCT_IMAGES.STATUS, REJECTED)
                .set(PRODUCT_IMAGES.PROBLEM, problem)
                .set(PRODUCT_IMAGES.UPDATED_AT, now())
                .where(PRODUCT_IMAGES.IMAGE_ID.eq(imageId).and(PRODUCT_IMAGES.STATUS.eq(PENDING)))
                .execute();
        if (updated == 0) {
            return false;
        }
        changed(productId);
        return true;
    }

    /**
     * A new version of the product: its answers carry its images, so its ETag must change with them
     * (a client's If-None-Match would otherwise keep an image pending for ever).
     */
    private void changed(String productId) {
        db.update(PRODUCTS)
                .set(PRODUCTS.VERSION, PRODUCTS.VERSION.plus(1))
                .where(PRODUCTS.PRODUCT_ID.eq(productId))
                .execute();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
