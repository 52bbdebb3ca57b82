package serverlessshop.products.images;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an image's files are in the store: the upload at {@code uploads/{product}/{image}}, each size
 * at {@code images/{product}/{image}/{width}.jpg}, served on the shop's own origin at "/" + its key.
 */
public final class ImageKeys {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern UPLOAD = Pattern.compile("uploads/(" + UUID_PATTERN + ")/(" + UUID_PATTERN + ")");

    private ImageKeys() {}

    /** An image's ids, as its keys carry them. */
    public record ImageIds(String productId, String imageId) {}

    public static String upload(String productId, String imageId) {
        return "uploads/" + productId + "/" + imageId;
    }

    public static String size(String productId, String imageId, int width) {
        return "images/" + productId + "/" + imageId + "/" + width + ".jpg";
    }

    public static String url(String productId, String imageId, int width) {
        return "/" + size(productId, imageId, width);
    }

    /** The ids in an upload's key; empty for any other key. */
    public static Optional<ImageIds> ofUpload(String key) {
        Matcher matcher = UPLOAD.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        // Canonical UUIDs only, so that the ids match the rows' exactly.
        String product = matcher.group(1);
        String image = matcher.group(2);
        if (!UUID.fromString(product).toString().equals(product)
                || !UUID.fromString(image).toString().equals(image)) {
            return Optional.empty();
        }
        return Optional.of(new ImageIds(product, image));
    }
}
