package serverlessshop.localcloud.s3;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The bucket's store, telling of each object once it is stored: the four ways S3 creates an object
 * are the four event names of its ObjectCreated notifications.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    /** S3Proxy stores a form POST's file with the same call as a PUT; only the caller tells them apart. */
    private static final String FORM_POST_METHOD = "handlePostBlob";

    private final Consumer<CreatedObject> created;

    NotifyingBlobStore(BlobStore files, Consumer<CreatedObject> created) {
        super(files);
        this.created = created;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        PutObjectResponse response = super.putBlob(request, payload);
        boolean formPost = StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals(FORM_POST_METHOD)));
        tell(formPost ? "ObjectCreated:Post" : "ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        tell("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        tell("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    /** The size and ETag as stored, which is what the notification carries. */
    private void tell(String eventName, String bucket, String key) {
        HeadObjectResponse stored = blobMetadata(bucket, key);
        String eTag = stored.eTag() == null ? "" : stored.eTag().replace("\"", "");
        created.accept(new CreatedObject(
                eventName,
                bucket,
                key,
                stored.contentLength() == null ? 0 : stored.contentLength(),
                eTag,
                Instant.now()));
    }
}
