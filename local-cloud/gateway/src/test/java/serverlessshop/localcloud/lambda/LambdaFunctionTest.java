package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;

/**
 * The Lambda Runtime API against the real Runtime Interface Client, with a tiny handler packed into
 * a task root the way a function's Dockerfile lays it out (task root/lib/*.jar).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path taskRoot;

    private static LambdaFunction function;

    /** Packs the handler into the task root as a Dockerfile lays a function out: lib/*.jar. */
    @BeforeAll
    static void packFunction() throws IOException {
        Files.createDirectories(taskRoot.resolve("lib"));
        String entry = EchoHandler.class.getName().replace('.', '/') + ".class";
        try (InputStream classFile = EchoHandler.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(taskRoot.resolve("lib/echo.jar")))) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        function = echo(Map.of("GREETING", "hello"));
    }

    private static LambdaFunction echo(Map<String, String> configuration) {
        return echo(configuration, 1);
    }

    private static LambdaFunction echo(Map<String, String> configuration, int concurrency) {
        FunctionImage image = new FunctionImage(
                "echo",
                taskRoot.resolve("Dockerfile"),
                EchoHandler.class.getName() + "::handleRequest",
                taskRoot,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        return new LambdaFunction(
                image,
                LambdaEnvironment.of(image, configuration, Repository.runtimeLib()),
                Repository.runtimeLib(),
                concurrency);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    private static JsonNode invoke(String event, Duration timeout) throws Exception {
        byte[] response = function.invoke(
                event.getBytes(StandardCharsets.UTF_8), Instant.now().plus(timeout));
        return JSON.readTree(response);
    }

    @Test
    @Order(1)
    void aColdStartThenTheSameInstanceForTheNextEvents() throws Exception {
        JsonNode first = invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30));
        JsonNode second = invoke("{\"say\":\"again\"}", Duration.ofSeconds(30));

        assertThat(first.path("event").path("say").asText()).isEqualTo("echo");
        assertThat(second.path("event").path("say").asText()).isEqualTo("again");
        assertThat(first.path("function").asText()).isEqualTo("echo");
        assertThat(first.path("arn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:echo");
        assertThat(first.path("requestId").asText())
                .isNotEqualTo(second.path("requestId").asText());
        assertThat(first.path("remainingMillis").asLong())
                .as("the deadline header reached the context")
                .isBetween(1L, 30_000L);
        assertThat(first.path("workingDirectory").asText())
                .as("the task root, like /var/task")
                .isEqualTo(taskRoot.toString());
        assertThat(first.path("javaToolOptions").asText()).contains("-XX:+UseSerialGC");
        assertThat(Path.of(first.path("runtimeJni").asText()))
                .as("the client's JNI library unpacked once for the stack, not to the shared /tmp on each start")
                .isNotEqualTo(Path.of("/tmp/.libaws-lambda-jni.so"))
                .satisfies(library -> assertThat(Arrays.copyOf(Files.readAllBytes(library), 4))
                        .as("an ELF shared object")
                        .containsExactly(0x7f, 'E', 'L', 'F'));
        assertThat(second.path("pid").asLong()).isEqualTo(first.path("pid").asLong());
        assertThat(function.coldStarts()).isEqualTo(1);
        assertThat(function.invocations()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void anExceptionInTheHandlerIsAFunctionErrorAndTheInstanceLivesOn() throws Exception {
        assertThatThrownBy(() -> invoke("{\"say\":\"fail\"}", Duration.ofSeconds(30)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("asked to fail");
        invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30));
        assertThat(function.coldStarts()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aCrashedInstanceIsReplacedOnTheNextEvent() throws Exception {
        assertThatThrownBy(() -> invoke("{\"say\":\"exit\"}", Duration.ofSeconds(30)))
                .isInstanceOf(FunctionFailure.class)
                .satisfies(e -> assertThat(((FunctionFailure) e).errorType()).isEqualTo("Runtime.ExitError"));
        JsonNode next = invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30));
        assertThat(next.path("event").path("say").asText()).isEqualTo("echo");
        assertThat(function.coldStarts()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void anInvocationPastItsDeadlineEndsTheInstance() throws Exception {
        long before =
                invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30)).path("pid").asLong();
        assertThatThrownBy(() -> invoke("{\"say\":\"sleep\"}", Duration.ofSeconds(2)))
                .isInstanceOf(TimeoutException.class);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30))
                        .path("pid")
                        .asLong())
                .isNotEqualTo(before);
    }

    @Test
    @Order(5)
    void aColdStartLongerThanTheDeadlineGoesOnForTheNextRequest() throws Exception {
        try (LambdaFunction slow = echo(Map.of("ECHO_INIT_MILLIS", "3000"))) {
            assertThatThrownBy(() -> slow.invoke(
                            "{}".getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(1)))
                    .isInstanceOf(TimeoutException.class);
            byte[] answer = slow.invoke(
                    "{\"say\":\"late\"}".getBytes(StandardCharsets.UTF_8),
                    Instant.now().plusSeconds(30));
            assertThat(JSON.readTree(answer).path("event").path("say").asText()).isEqualTo("late");
            assertThat(slow.coldStarts())
                    .as("the same instance, not a new cold start")
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(6)
    void withAConcurrencyOfTwoConcurrentEventsRunOnTwoInstancesWhichStayForLaterEvents() throws Exception {
        try (LambdaFunction pair = echo(Map.of(), 2)) {
            byte[] nap = "{\"say\":\"nap\"}".getBytes(StandardCharsets.UTF_8);
            var first = CompletableFuture.supplyAsync(() -> pid(pair, nap));
            var second = CompletableFuture.supplyAsync(() -> pid(pair, nap));
            assertThat(first.get(60, TimeUnit.SECONDS)).isNotEqualTo(second.get(60, TimeUnit.SECONDS));
            assertThat(pair.pids()).hasSize(2);
            long third = pid(pair, "{\"say\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(pair.pids()).contains(third);
            assertThat(pair.coldStarts())
                    .as("the third event found an idle instance")
                    .isEqualTo(2);
        }
    }

    private static long pid(LambdaFunction target, byte[] event) {
        try {
            return JSON.readTree(target.invoke(event, Instant.now().plusSeconds(60)))
                    .path("pid")
                    .asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each invocation gets a new X-Ray trace header, in the context and the runtime's property; sampled only when traced actively. */
    @Test
    @Order(6)
    void eachInvocationHasItsTraceHeaderSampledOnlyWhenTheFunctionIsTracedActively() throws Exception {
        JsonNode first = invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30));
        JsonNode second = invoke("{\"say\":\"again\"}", Duration.ofSeconds(30));
        JsonNode traced;
        try (LambdaFunction active = echo(Map.of("SHOP_LOCAL_TRACING_MODE", "Active"))) {
            traced = JSON.readTree(active.invoke(
                    "{\"say\":\"echo\"}".getBytes(StandardCharsets.UTF_8),
                    Instant.now().plusSeconds(30)));
        }

        String header = "Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=";
        assertThat(first.path("traceHeader").asText())
                .matches(header + "0")
                .isEqualTo(first.path("traceProperty").asText());
        assertThat(second.path("traceHeader").asText())
                .matches(header + "0")
                .isNotEqualTo(first.path("traceHeader").asText());
        assertThat(traced.path("traceHeader").asText())
                .matches(header + "1")
                .isEqualTo(traced.path("traceProperty").asText());
    }

    @Test
    @Order(7)
    void closingStopsTheInstance() throws Exception {
        long pid =
                invoke("{\"say\":\"echo\"}", Duration.ofSeconds(30)).path("pid").asLong();
        function.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }
}
