package serverlessshop.localcloud.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.blobstore.BlobStore;
import serverlessshop.localcloud.gateway.HttpReply;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * CloudFront's {@code /images/*} behaviour: GET and HEAD read the object whose key is the path
 * without its leading slash from the images bucket (its origin, through origin access control,
 * which may read {@code images/*} only), with the object's own Content-Type, Cache-Control, ETag
 * and Last-Modified. Anything else is 404: a key that is not there, a method other than GET or
 * HEAD, a key with an empty, {@code .} or {@code ..} segment (S3 would take those literally; a
 * file-backed store must never see them).
 */
public final class ImagesOrigin {

    public static final String PREFIX = "/images/";

    private final BlobStore store;
    private final String bucket;

    public ImagesOrigin(BlobStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    public static boolean handles(String rawPath) {
        return rawPath.startsWith(PREFIX);
    }

    public HttpReply handle(String method, String rawPath) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notFound();
        }
        String key = URLDecoder.decode(rawPath.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!key.startsWith(PREFIX.substring(1))
                || Arrays.stream(key.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))
                || !store.blobExists(bucket, key)) {
            return notFound();
        }
        // HEAD: the same answer, whose body the server leaves out (its Content-Length kept).
        try (ResponseInputStream<GetObjectResponse> object = store.getBlob(bucket, key);
                InputStream body = object) {
            GetObjectResponse stored = object.response();
            return headers(
                    new HttpReply(200, Map.of(), body.readAllBytes()),
                    stored.contentType(),
                    stored.cacheControl(),
                    stored.eTag(),
                    stored.lastModified());
        }
    }

    private static HttpReply headers(
            HttpReply reply, String contentType, String cacheControl, String eTag, java.time.Instant lastModified) {
        HttpReply answer =
                reply.withHeader("content-type", contentType == null ? "application/octet-stream" : contentType);
        if (cacheControl != null) {
            answer = answer.withHeader("cache-control", cacheControl);
        }
        if (eTag != null) {
            answer = answer.withHeader("etag", eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"");
        }
        if (lastModified != null) {
            answer = answer.withHeader(
                    "last-modified",
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            lastModified.atZone(java.time.ZoneOffset.UTC)));
        }
        return answer.withHeader("x-content-type-options", "nosniff");
    }

    private static HttpReply notFound() {
        return new HttpReply(
                404,
                Map.of("content-type", List.of("application/xml")),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
