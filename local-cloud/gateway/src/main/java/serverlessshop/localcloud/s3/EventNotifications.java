package serverlessshop.localcloud.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import serverlessshop.localcloud.Console;

/**
 * The bucket's event notification configuration: each object created under a prefix invokes a
 * function asynchronously with S3's event notification JSON, as S3 invokes Lambda (an
 * {@code Event} invocation): the upload's answer never waits for it, and a failed invocation
 * (the handler threw, the instance died or timed out) is retried as Lambda retries asynchronous
 * invocations, twice, after a minute and then two, before the event is dropped (no destination
 * is configured).
 */
public final class EventNotifications implements Consumer<CreatedObject>, AutoCloseable {

    /** Lambda's retries of an asynchronous invocation: two, a minute then two minutes later. */
    public static final List<Duration> LAMBDA_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Invokes the function with the event; throws when the invocation failed. */
    @FunctionalInterface
    public interface Target {
        void invoke(byte[] event) throws Exception;
    }

    private final String prefix;
    private final String function;
    private final Target target;
    private final List<Duration> retryDelays;
    private final String region;
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis());
    private final ScheduledExecutorService queue = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("s3-notifications").factory());

    /**
     * @param prefix   the configuration's key filter (e.g. {@code uploads/})
     * @param function the function's name, for the console
     */
    public EventNotifications(
            String prefix, String function, Target target, List<Duration> retryDelays, String region) {
        this.prefix = prefix;
        this.function = function;
        this.target = target;
        this.retryDelays = List.copyOf(retryDelays);
        this.region = region;
    }

    @Override
    public void accept(CreatedObject object) {
        if (!object.key().startsWith(prefix)) {
            return;
        }
        byte[] event =
                event(object, Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
        queue.execute(() -> deliver(object, event, 0));
    }

    private void deliver(CreatedObject object, byte[] event, int attempt) {
        try {
            target.invoke(event);
            Console.line(
                    "s3",
                    object.eventName() + " " + object.key() + " -> " + function
                            + (attempt == 0 ? "" : " (retry " + attempt + ")"));
        } catch (Exception e) {
            if (attempt < retryDelays.size()) {
                Duration delay = retryDelays.get(attempt);
                Console.line(
                        "s3",
                        object.key() + " -> " + function + " failed (" + e.getMessage() + "); retrying in "
                                + (delay.toSeconds() > 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms")
                                + ", as Lambda retries an asynchronous invocation");
                queue.schedule(() -> deliver(object, event, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Console.line(
                        "s3",
                        object.key() + " -> " + function + " failed (" + e.getMessage() + ") after "
                                + retryDelays.size() + " retries: the event is dropped");
            }
        }
    }

    /** S3's event notification JSON (version 2.1) for one created object. */
    byte[] event(CreatedObject object, String sequence) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", object.time().toString());
        record.put("eventName", object.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(randomBytes(8)));
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "objects-created-under-" + prefix.replace("/", ""));
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", object.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "LOCAL");
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode created = s3.putObject("object");
        created.put("key", urlEncoded(object.key()));
        created.put("size", object.size());
        created.put("eTag", object.eTag());
        created.put("sequencer", sequence);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        records.add(record);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** As S3 writes keys into notifications: form-encoded (a space is +), each segment, the slashes kept. */
    static String urlEncoded(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
