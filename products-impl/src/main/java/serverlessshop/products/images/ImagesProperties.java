package serverlessshop.products.images;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The image store and what it accepts.
 *
 * @param bucket        the bucket of uploads and sizes ({@code SHOP_IMAGES_BUCKET})
 * @param pathStyle     address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 *                      ({@code SHOP_IMAGES_PATH_STYLE}): local S3-compatible servers want it
 * @param region        the bucket's region ({@code AWS_REGION}, which Lambda sets); read when the
 *                      application starts, the client itself is built on first use
 * @param maxImages     images one product may have
 * @param maxBytes      the largest file accepted, whatever is declared
 * @param maxPixels     the most pixels an image may have: its header is read before any decoding, so
 *                      a small file that would decompress into gigabytes is refused unread
 * @param uploadExpiry  how long a presigned upload stays valid
 */
@ConfigurationProperties("shop.images")
public record ImagesProperties(
        String bucket,
        boolean pathStyle,
        String region,
        @DefaultValue("10") int maxImages,
        @DefaultValue("5242880") int maxBytes,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("PT10M") Duration uploadExpiry) {

    String requiredBucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("SHOP_IMAGES_BUCKET is not set: which bucket holds the images?");
        }
        return bucket;
    }

    String requiredRegion() {
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: which region is the image bucket in?");
        }
        return region;
    }
}
