package serverlessshop.products.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns an uploaded file into the image's sizes, or refuses it: the image function's work. Nothing
 * is trusted that the bytes do not show: the declared type must be what they are, the size within
 * what was declared, the pixel count (from the header, before decoding) within bounds. Whatever the
 * outcome, the upload is deleted. Delivery is at least once: an image that is no longer pending was
 * done before, and its upload is just deleted again.
 */
@Service
public class UploadedImages {

    /** The widths of the sizes; a narrower image gets its own width instead of the ones above it. */
    static final List<Integer> WIDTHS = List.of(400, 1200);

    /** The contract's tallest size: an image much taller than wide would exceed it. */
    static final int MAX_HEIGHT = 16384;

    private static final Logger LOG = LoggerFactory.getLogger(UploadedImages.class);

    /** What became of an upload. */
    public enum Outcome {
        READY,
        REJECTED,
        /** Not an upload of an image waiting for its file: deleted, nothing else. */
        IGNORED
    }

    private final ImageRecords records;
    private final ImageStore store;
    private final ImagesProperties properties;

    UploadedImages(ImageRecords records, ImageStore store, ImagesProperties properties) {
        this.records = records;
        this.store = store;
        this.properties = properties;
    }

    /** Processes the upload stored at {@code key}. */
    public Outcome process(String key) {
        Optional<ImageKeys.ImageIds> ids = ImageKeys.ofUpload(key);
        if (ids.isEmpty()) {
            LOG.warn("ignored an object that is not an image upload: {}", key);
            return Outcome.IGNORED;
        }
        String productId = ids.get().productId();
        String imageId = ids.get().imageId();
        ImageRecords.StoredImage image = records.find(productId, imageId);
        if (image == null || !ImageRecords.PENDING.equals(image.image().getStatus())) {
            LOG.info("image {} is {}: its upload is deleted", imageId, image == null ? "unknown" : "done already");
            store.delete(List.of(key));
            return Outcome.IGNORED;
        }
        Outcome outcome = check(image, key);
        store.delete(List.of(key));
        return outcome;
    }

    private Outcome check(ImageRecords.StoredImage stored, String key) {
        String productId = stored.image().getProductId();
        String imageId = stored.image().getImageId();
        int declared = stored.image().getContentLength();
        OptionalLong length = store.size(key);
        if (length.isEmpty()) {
            // Deleted since the notification: a redelivery after the upload was processed.
            return Outcome.IGNORED;
        }
        if (length.getAsLong() > declared || length.getAsLong() > properties.maxBytes()) {
            return reject(
                    productId,
                    imageId,
                    "The file is " + length.getAsLong() + " bytes, more than the "
                            + Math.min(declared, properties.maxBytes()) + " bytes declared.");
        }
        byte[] bytes = store.read(key);
        if (bytes == null) {
            return Outcome.IGNORED;
        }
        if (bytes.length > declared || bytes.length > properties.maxBytes()) {
            return reject(
                    productId,
                    imageId,
                    "The file is " + bytes.length + " bytes, more than the " + declared + " bytes declared.");
        }
        ImageFormat declaredFormat = ImageFormat.ofMediaType(stored.image().getContentType())
                .orElseThrow(() -> new IllegalStateException("image " + imageId + " was recorded with an unknown type "
                        + stored.image().getContentType()));
        Optional<ImageFormat> actual = ImageFormat.of(bytes);
        if (actual.isEmpty()) {
            return reject(productId, imageId, "The file is not a JPEG, PNG or WebP image.");
        }
        if (actual.get() != declaredFormat) {
            return reject(
                    productId,
                    imageId,
                    "The file is a " + actual.get().displayName + " image, not the " + declaredFormat.displayName
                            + " image that was declared.");
        }
        BufferedImage decoded;
        try {
            Decoded result = decode(bytes, declaredFormat);
            if (result.problem() != null) {
                return reject(productId, imageId, result.problem());
            }
            decoded = result.image();
        } catch (IOException | RuntimeException e) {
            // Damaged or truncated files throw anything from IIOException to array index errors.
            LOG.info("image {} could not be decoded: {}", imageId, e.toString());
            return reject(
                    productId,
                    imageId,
                    "The file could not be read as a " + declaredFormat.displayName
                            + " image: it is damaged or incomplete.");
        }

        List<ImageRecords.Size> sizes = new ArrayList<>();
        BufferedImage from = decoded;
        for (int width : widthsFor(decoded.getWidth()).reversed()) {
            // Each smaller size from the one before it: fewer pixels to go through.
            BufferedImage scaled = ImageResizer.scaledOnWhite(from, width);
            store.writeJpeg(ImageKeys.size(productId, imageId, scaled.getWidth()), ImageResizer.jpeg(scaled));
            sizes.addFirst(new ImageRecords.Size(scaled.getWidth(), scaled.getHeight()));
            from = scaled;
        }
        if (!records.markReady(productId, imageId, sizes)) {
            // Deleted (or done by a concurrent delivery) meanwhile: a deleted image's sizes must not stay.
            if (records.find(productId, imageId) == null) {
                store.delete(sizes.stream()
                        .map(size -> ImageKeys.size(productId, imageId, size.width()))
                        .toList());
            }
            return Outcome.IGNORED;
        }
        LOG.info("image {} is ready in {} sizes", imageId, sizes.size());
        return Outcome.READY;
    }

    /** The widths of an image {@code width} pixels wide: each target width, or its own when narrower. */
    static List<Integer> widthsFor(int width) {
        Set<Integer> widths = new LinkedHashSet<>();
        for (int target : WIDTHS) {
            widths.add(Math.min(target, width));
        }
        return List.copyOf(widths);
    }

    private record Decoded(BufferedImage image, String problem) {}

    /** The header's dimensions first, checked; only then the pixels. */
    private Decoded decode(byte[] bytes, ImageFormat format) throws IOException {
        // In memory, no temporary files; set here rather than at start, where ImageIO's plug-in scan
        // would add to the products function's cold start.
        ImageIO.setUseCache(false);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format.displayName);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                return new Decoded(null, "The image has no pixels.");
            }
            if (width * height > properties.maxPixels()) {
                return new Decoded(
                        null,
                        String.format(
                                Locale.ROOT,
                                "The image is %d x %d pixels, more than the %d megapixels accepted.",
                                width,
                                height,
                                properties.maxPixels() / 1_000_000));
            }
            if (ImageResizer.heightAt(
                            (int) width, (int) height, widthsFor((int) width).getFirst())
                    > MAX_HEIGHT) {
                return new Decoded(
                        null,
                        String.format(
                                Locale.ROOT,
                                "The image is %d x %d pixels: too tall for its width to be shown.",
                                width,
                                height));
            }
            return new Decoded(reader.read(0), null);
        } finally {
            reader.dispose();
        }
    }

    private Outcome reject(String productId, String imageId, String problem) {
        records.markRejected(productId, imageId, problem);
        LOG.info("image {} is rejected: {}", imageId, problem);
        return Outcome.REJECTED;
    }
}
