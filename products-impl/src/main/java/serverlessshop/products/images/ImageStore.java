package serverlessshop.products.images;

import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import serverlessshop.products.api.model.PresignedPost;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The image store's bucket: presigned uploads, and reading, writing and deleting its objects. */
@Component
public class ImageStore {

    /** The sizes never change under their URL: caches may keep them for ever. */
    static final String SIZE_CACHE_CONTROL = "public, max-age=31536000, immutable";

    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);

    private final ObjectProvider<S3Client> client;
    private final ImagesProperties properties;
    private final Clock clock;

    ImageStore(ObjectProvider<S3Client> client, ImagesProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** A form upload of at most {@code maxLength} bytes of {@code contentType} to {@code key}. */
    PresignedPost presignUpload(String key, String contentType, int maxLength) {
        S3Client s3 = client.getObject();
        String bucket = properties.requiredBucket();
        AwsCredentialsIdentity credentials = s3.serviceClientConfiguration()
                .credentialsProvider()
                .resolveIdentity()
                .join();
        var upload = new PostPolicySigner.Upload(bucketUrl(s3, bucket), bucket, key, contentType, maxLength);
        return PostPolicySigner.sign(
                upload, credentials, properties.requiredRegion(), clock.instant(), properties.uploadExpiry());
    }

    /** The bucket's URL as the client addresses it: virtual-host style in AWS, path style locally. */
    private static URI bucketUrl(S3Client s3, String bucket) {
        String probe = "k";
        String url = s3.utilities()
                .getUrl(request -> request.bucket(bucket).key(probe))
                .toExternalForm();
        return URI.create(url.substring(0, url.length() - probe.length()));
    }

    /** The object's size; empty when there is no such object (processed and deleted already). */
    OptionalLong size(String key) {
        try {
            return OptionalLong.of(client.getObject()
                    .headObject(request ->
                            request.bucket(properties.requiredBucket()).key(key))
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** The object's bytes; null when there is no such object. */
    byte[] read(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObject()
                    .getObjectAsBytes(request ->
                            request.bucket(properties.requiredBucket()).key(key));
            return bytes.asByteArrayUnsafe();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    void writeJpeg(String key, byte[] jpeg) {
        client.getObject()
                .putObject(
                        request -> request.bucket(properties.requiredBucket())
                                .key(key)
                                .contentType("image/jpeg")
                                .cacheControl(SIZE_CACHE_CONTROL),
                        RequestBody.fromBytes(jpeg));
    }

    /** Deletes the objects; deleting one that is not there is no error. */
    void delete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> objects = keys.stream()
                .map(key -> ObjectIdentifier.builder().key(key).build())
                .toList();
        DeleteObjectsResponse response = client.getObject()
                .deleteObjects(request -> request.bucket(properties.requiredBucket())
                        .delete(delete -> delete.objects(objects).quiet(true)));
        if (response.hasErrors() && !response.errors().isEmpty()) {
            throw new IllegalStateException(
                    "the image store did not delete " + response.errors().size() + " of "
                            + keys.size() + " objects, first "
                            + response.errors().getFirst().key() + ": "
                            + response.errors().getFirst().code());
        }
    }

    /**
     * Deletes the objects of what the database no longer has. The rows are gone already, so nothing
     * refers to them: a failure leaves garbage, not an error for the client, and is logged.
     */
    void deleteQuietly(Collection<String> keys) {
        try {
            delete(keys);
        } catch (SdkException | IllegalStateException e) {
            LOG.warn("could not delete {} objects of deleted images: {}", keys.size(), e.toString());
        }
    }
}
