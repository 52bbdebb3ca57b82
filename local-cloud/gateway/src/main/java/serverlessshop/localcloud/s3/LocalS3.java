package serverlessshop.localcloud.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The images bucket on this machine: an S3-compatible server (S3Proxy, in the gateway's JVM) on a
 * loopback port of its own, its objects in files under a folder (.data/s3, kept across runs) or in
 * memory. It speaks S3's REST API as the functions' SDK and the browser use it: SigV4-signed
 * requests, and the browser's form POST of a presigned upload, whose policy it enforces (expiry,
 * each eq/starts-with condition, no field the policy does not name, content-length-range). Requests
 * are signed with the functions' own role keys, which it checks as IAM would: a key the stack did
 * not give a function that may use the bucket is refused. Cross-origin POSTs are allowed from the
 * site's origins, as the bucket's CORS configuration allows them in AWS. Every object created (by a
 * PUT, a form POST, a copy or a multipart upload) is reported to {@code created}, where the bucket's
 * event notifications start.
 */
public final class LocalS3 implements AutoCloseable {

    private final S3Proxy server;
    private final BlobStore store;
    private final String bucket;
    private final int port;

    private LocalS3(S3Proxy server, BlobStore store, String bucket, int port) {
        this.server = server;
        this.store = store;
        this.bucket = bucket;
        this.port = port;
    }

    /**
     * @param port        the loopback port (0: a free one)
     * @param directory   where the objects are kept (created if missing); null keeps them in memory
     * @param bucket      the bucket, created when missing
     * @param siteOrigins the origins whose pages may POST to the bucket (CORS)
     * @param secretOfKey the secret of an access key the bucket accepts (a function's role), else empty
     * @param created     told of every object created, after it is stored
     */
    public static LocalS3 start(
            int port,
            Path directory,
            String bucket,
            List<String> siteOrigins,
            Function<String, Optional<String>> secretOfKey,
            Consumer<CreatedObject> created)
            throws Exception {
        BlobStore files;
        if (directory == null) {
            files = new TransientNio2BlobStore();
        } else {
            Files.createDirectories(directory);
            files = new FilesystemNio2BlobStore(directory.toString());
        }
        BlobStore store = new NotifyingBlobStore(files, created);
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        S3Proxy server = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                // S3Proxy wants one identity of its own; nobody is given it: the locator below decides.
                .awsAuthentication(AuthenticationType.AWS_V4, "local-cloud", unguessable())
                .corsRules(new CrossOriginResourceSharing(
                        siteOrigins.stream().map(Pattern::quote).toList(),
                        List.of("POST"),
                        List.of("*"),
                        List.of("ETag", "Location"),
                        ""))
                .build();
        server.setBlobStoreLocator((identity, container, blob) -> identity == null
                ? null
                : secretOfKey
                        .apply(identity)
                        .map(secret -> new AccessGrant(secret, store))
                        .orElse(null));
        server.start();
        awaitStarted(server);
        return new LocalS3(server, store, bucket, server.getPort());
    }

    private static void awaitStarted(S3Proxy server) throws IOException, InterruptedException {
        for (int i = 0; i < 200 && !"STARTED".equals(server.getState()); i++) {
            Thread.sleep(25);
        }
        if (!"STARTED".equals(server.getState())) {
            throw new IOException("the S3 server did not start: " + server.getState());
        }
    }

    private static String unguessable() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The endpoint as the functions' SDK (AWS_ENDPOINT_URL_S3) and the browser address it. */
    public String endpoint() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String bucket() {
        return bucket;
    }

    /** The bucket's objects, read directly (the gateway's /images/* reads them as CloudFront's origin). */
    public BlobStore store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
