package serverlessshop.localcloud.s3;

import java.time.Instant;

/**
 * An object the bucket stored, as its event notification describes it.
 *
 * @param eventName S3's: {@code ObjectCreated:Put}, {@code :Post}, {@code :Copy} or
 *                  {@code :CompleteMultipartUpload}
 * @param key       the key as stored (not yet URL-encoded)
 */
public record CreatedObject(String eventName, String bucket, String key, long size, String eTag, Instant time) {}
