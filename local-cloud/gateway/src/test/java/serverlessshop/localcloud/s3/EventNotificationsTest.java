package serverlessshop.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.lambda.EchoHandler;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket's notifications: an object created under the prefix reaches a real function (the
 * Runtime Interface Client running {@link EchoHandler}, which answers with the event it was handed)
 * as S3's event notification JSON, after the upload has been answered; other keys reach nothing; a
 * failed invocation is retried as Lambda retries asynchronous ones, twice, then dropped.
 */
class EventNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUploadReachesTheFunctionAsS3sEventNotification(@TempDir Path data, @TempDir Path taskRoot) throws Exception {
        BlockingQueue<JsonNode> handed = new LinkedBlockingQueue<>();
        try (LambdaFunction function = echoFunction(taskRoot);
                EventNotifications notifications = new EventNotifications(
                        "uploads/",
                        "echo",
                        event -> handed.add(JSON.readTree(
                                        function.invoke(event, Instant.now().plusSeconds(60)))
                                .path("event")),
                        EventNotifications.LAMBDA_RETRY_DELAYS,
                        LambdaFunction.REGION);
                LocalS3 s3 = LocalS3Test.start(data, notifications);
                S3Client client = LocalS3Test.client(s3, LocalS3Test.KEY_ID, LocalS3Test.SECRET)) {
            client.putObject(
                    b -> b.bucket(LocalS3Test.BUCKET).key("images/p/i/400.jpg").contentType("image/jpeg"),
                    RequestBody.fromString("a size"));
            client.putObject(
                    b -> b.bucket(LocalS3Test.BUCKET).key("uploads/p/an image").contentType("image/png"),
                    RequestBody.fromString("an upload"));

            JsonNode event = handed.poll(90, TimeUnit.SECONDS);

            assertThat(event).as("the function was invoked").isNotNull();
            assertThat(event.path("Records")).hasSize(1);
            JsonNode record = event.path("Records").get(0);
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
            assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(record.path("awsRegion").asText()).isEqualTo(LambdaFunction.REGION);
            assertThat(Instant.parse(record.path("eventTime").asText())).isBefore(Instant.now());
            assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(LocalS3Test.BUCKET);
            assertThat(record.path("s3").path("bucket").path("arn").asText())
                    .isEqualTo("arn:aws:s3:::" + LocalS3Test.BUCKET);
            JsonNode object = record.path("s3").path("object");
            assertThat(object.path("key").asText()).as("URL-encoded").isEqualTo("uploads/p/an+image");
            assertThat(object.path("size").asLong()).isEqualTo("an upload".length());
            assertThat(object.path("eTag").asText()).isNotBlank().doesNotContain("\"");
            assertThat(object.path("sequencer").asText()).isNotBlank();
            assertThat(handed.poll(2, TimeUnit.SECONDS))
                    .as("the object under images/ invoked nothing")
                    .isNull();
        }
    }

    @Test
    void aBrowsersFormPostIsAnObjectCreatedPost(@TempDir Path data) throws Exception {
        BlockingQueue<JsonNode> handed = new LinkedBlockingQueue<>();
        try (EventNotifications notifications = new EventNotifications(
                        "uploads/", "f", event -> handed.add(JSON.readTree(event)), List.of(), "eu-west-1");
                LocalS3 s3 = LocalS3Test.start(data, notifications)) {
            Map<String, String> form = FormPost.fields(
                    LocalS3Test.KEY_ID,
                    LocalS3Test.SECRET,
                    LocalS3Test.BUCKET,
                    "uploads/p/i",
                    "image/webp",
                    100,
                    Instant.now().plusSeconds(600));
            assertThat(FormPost.post(s3.endpoint() + "/" + LocalS3Test.BUCKET, form, new byte[] {1, 2, 3}, "null")
                            .statusCode())
                    .isEqualTo(204);

            JsonNode record = handed.poll(10, TimeUnit.SECONDS).path("Records").get(0);
            assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Post");
            assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("uploads/p/i");
            assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aFailedInvocationIsRetriedTwiceThenDropped() throws Exception {
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger succeeded = new AtomicInteger();
        CreatedObject upload = new CreatedObject("ObjectCreated:Post", "b", "uploads/p/i", 3, "e", Instant.now());
        List<Duration> delays = List.of(Duration.ofMillis(200), Duration.ofMillis(400));
        try (EventNotifications failingTwice = new EventNotifications(
                "uploads/",
                "f",
                event -> {
                    attempts.add(Instant.now());
                    if (attempts.size() <= 2) {
                        throw new IllegalStateException("Runtime.ExitError");
                    }
                    succeeded.incrementAndGet();
                },
                delays,
                "eu-west-1")) {
            failingTwice.accept(upload);
            waitFor(() -> succeeded.get() == 1);
            assertThat(attempts).hasSize(3);
            assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(delays.get(0));
            assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(delays.get(1));
        }

        AtomicInteger tries = new AtomicInteger();
        try (EventNotifications alwaysFailing = new EventNotifications(
                "uploads/",
                "f",
                event -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("asked to fail");
                },
                List.of(Duration.ofMillis(50), Duration.ofMillis(50)),
                "eu-west-1")) {
            alwaysFailing.accept(upload);
            waitFor(() -> tries.get() == 3);
            Thread.sleep(500);
            assertThat(tries).as("the first attempt and two retries, no more").hasValue(3);
        }
    }

    @Test
    void keysAreUrlEncodedAsS3EncodesThem() {
        assertThat(EventNotifications.urlEncoded("uploads/a b/ü+x%")).isEqualTo("uploads/a+b/%C3%BC%2Bx%25");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static LambdaFunction echoFunction(Path taskRoot) throws Exception {
        Files.createDirectories(taskRoot.resolve("lib"));
        String entry = EchoHandler.class.getName().replace('.', '/') + ".class";
        try (InputStream classFile = EchoHandler.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(taskRoot.resolve("lib/echo.jar")))) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        FunctionImage image = new FunctionImage(
                "echo",
                taskRoot.resolve("Dockerfile"),
                EchoHandler.class.getName() + "::handleRequest",
                taskRoot,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        return new LambdaFunction(
                image, LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib()), Repository.runtimeLib());
    }
}
