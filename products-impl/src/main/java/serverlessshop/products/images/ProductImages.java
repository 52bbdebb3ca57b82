package serverlessshop.products.images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import serverlessshop.products.api.model.ImageSize;
import serverlessshop.products.api.model.ImageStatus;
import serverlessshop.products.api.model.ImageUpload;
import serverlessshop.products.api.model.ImageUploadRequest;
import serverlessshop.products.api.model.PresignedPost;
import serverlessshop.products.api.model.Product;
import serverlessshop.products.api.model.ProductImage;
import serverlessshop.products.db.tables.records.ProductImagesRecord;
import serverlessshop.support.security.Caller;

/**
 * A product's images: recording uploads, answering them, deleting them with their files. Shoppers
 * see ready images only; administrators see every one.
 */
@Service
public class ProductImages {

    /** How long an image may stay pending before its place is taken back: the uploads' lifecycle. */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private final ImageRecords records;
    private final ImageStore store;

    ProductImages(ImageRecords records, ImageStore store) {
        this.records = records;
        this.store = store;
    }

    /**
     * Presigns the upload, then records the pending image (checking again, under the product's lock):
     * signing (and building the S3 client, the first time) holds no lock, and a store that is not
     * configured leaves no image behind.
     */
    public ImageUpload create(UUID productId, ImageUploadRequest request) {
        String contentType = request.getContentType().getValue();
        int contentLength = request.getContentLength();
        reclaimAbandoned(productId);
        records.checkRoomFor(productId);
        String imageId = ImageRecords.newImageId();
        PresignedPost upload =
                store.presignUpload(ImageKeys.upload(productId.toString(), imageId), contentType, contentLength);
        ImageRecords.StoredImage image =
                records.addPending(productId, imageId, contentType, contentLength, request.getAlt());
        return new ImageUpload(toApi(image), upload);
    }

    /**
     * An upload the browser never finished (a closed page), or one the image function failed on every
     * time, leaves its image pending; a day later (the bucket's lifecycle has then expired its file too)
     * the product's next upload deletes it with whatever it left, so it does not hold one of the
     * product's places for ever.
     */
    private void reclaimAbandoned(UUID productId) {
        for (ImageRecords.StoredImage image : records.deleteAbandoned(productId, ABANDONED_AFTER)) {
            String product = image.image().getProductId();
            String id = image.image().getImageId();
            List<String> keys = new ArrayList<>();
            keys.add(ImageKeys.upload(product, id));
            // A run that failed half way may have written some sizes before it stopped.
            UploadedImages.WIDTHS.forEach(width -> keys.add(ImageKeys.size(product, id, width)));
            store.deleteQuietly(keys);
        }
    }

    public ProductImage get(UUID productId, UUID imageId) {
        ImageRecords.StoredImage image = records.find(productId.toString(), imageId.toString());
        if (image == null) {
            throw new ImageNotFound(productId, imageId);
        }
        return toApi(image);
    }

    /** Deletes the image, then its files (the upload, every size). */
    public void delete(UUID productId, UUID imageId) {
        ImageRecords.StoredImage image = records.delete(productId.toString(), imageId.toString());
        if (image == null) {
            throw new ImageNotFound(productId, imageId);
        }
        store.deleteQuietly(image.keys());
    }

    /**
     * Within the transaction that deletes the product: once it commits (the rows cascade), deletes the
     * files of every image the product had. Read before the delete, in the same transaction.
     */
    public void deleteFilesWithProduct(UUID productId) {
        List<String> keys =
                records
                        .ofProducts(List.of(productId.toString()), false)
                        .getOrDefault(productId.toString(), List.of())
                        .stream()
                        .flatMap(image -> image.keys().stream())
                        .toList();
        if (keys.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                store.deleteQuietly(keys);
            }
        });
    }

    /** Sets each product's images as the caller may see them: one query for all of them. */
    public void attachTo(List<Product> products, Caller caller) {
        if (products.isEmpty()) {
            return;
        }
        Map<String, List<ImageRecords.StoredImage>> images = records.ofProducts(
                products.stream()
                        .map(product -> product.getProductId().toString())
                        .toList(),
                !caller.isAdmin());
        for (Product product : products) {
            product.setImages(images.getOrDefault(product.getProductId().toString(), List.of()).stream()
                    .map(ProductImages::toApi)
                    .toList());
        }
    }

    static ProductImage toApi(ImageRecords.StoredImage stored) {
        ProductImagesRecord image = stored.image();
        return new ProductImage()
                .imageId(UUID.fromString(image.getImageId()))
                .status(ImageStatus.fromValue(image.getStatus()))
                .alt(image.getAlt())
                .problem(image.getProblem())
                .sizes(stored.sizes().stream()
                        .map(size -> new ImageSize(
                                size.width(),
                                size.height(),
                                ImageKeys.url(image.getProductId(), image.getImageId(), size.width())))
                        .toList());
    }
}
