package serverlessshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * Cold starts of one function, measured as the local cloud runs it (the gateway's own
 * {@link LambdaFunction}: the Runtime Interface Client in a new JVM, the image's environment, the
 * Lambda Runtime API): from the moment the JVM is launched to the first response to a real
 * payload-2.0 event. Configurations take turns launch by launch (and the first in a round moves
 * along), so that a busy moment of the machine falls on all of them alike.
 */
final class ColdStarts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runtimeLib;
    private final int warmInvocations;

    private final Map<String, List<Long>> warmTimes = new LinkedHashMap<>();

    ColdStarts(Path runtimeLib) {
        this(runtimeLib, 0);
    }

    /** @param warmInvocations how many more times each launched instance answers the event, timed one by one */
    ColdStarts(Path runtimeLib, int warmInvocations) {
        this.runtimeLib = runtimeLib;
        this.warmInvocations = warmInvocations;
    }

    /**
     * Another image launched right after each of the function's launches in some configurations, so
     * that both meet the machine in the same state: the floor beside each function.
     */
    record Companion(FunctionImage image, byte[] event, int memoryMb, Set<String> configurations) {}

    private Companion companion;
    private final Map<String, List<Long>> companionTimes = new LinkedHashMap<>();

    void launchBeside(Companion companion) {
        this.companion = companion;
    }

    /** The companion's times to first response per configuration since the last {@link #measure}. */
    Map<String, Samples> companion() {
        Map<String, Samples> samples = new LinkedHashMap<>();
        companionTimes.forEach((name, values) -> samples.put(name, Samples.of(values)));
        return samples;
    }

    /** The warm invocations' times per configuration since the last {@link #measure}, in microseconds. */
    Map<String, Samples> warm() {
        Map<String, Samples> samples = new LinkedHashMap<>();
        warmTimes.forEach((name, values) -> {
            if (!values.isEmpty()) {
                samples.put(name, Samples.of(values));
            }
        });
        return samples;
    }

    /** @return each configuration's times to first response, in microseconds */
    Map<String, Samples> measure(
            FunctionImage image,
            Map<String, String> configuration,
            byte[] event,
            List<JvmConfiguration> configurations,
            int launches)
            throws Exception {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        configurations.forEach(c -> times.put(c.name(), new ArrayList<>()));
        warmTimes.clear();
        configurations.forEach(c -> warmTimes.put(c.name(), new ArrayList<>()));
        companionTimes.clear();
        for (int launch = 0; launch < launches; launch++) {
            for (int i = 0; i < configurations.size(); i++) {
                JvmConfiguration jvm = configurations.get((i + launch) % configurations.size());
                times.get(jvm.name()).add(once(image, configuration, jvm, event, 0, warmInvocations));
                if (companion != null && companion.configurations().contains(jvm.name())) {
                    companionTimes
                            .computeIfAbsent(jvm.name(), name -> new ArrayList<>())
                            .add(once(companion.image(), Map.of(), jvm, companion.event(), companion.memoryMb(), 0));
                }
            }
        }
        Map<String, Samples> samples = new LinkedHashMap<>();
        times.forEach((name, values) -> samples.put(name, Samples.of(values)));
        return samples;
    }

    private long once(
            FunctionImage image,
            Map<String, String> configuration,
            JvmConfiguration jvm,
            byte[] event,
            int memoryMb,
            int warmInvocations)
            throws Exception {
        // memoryMb 0: the deployment's, as the stack gives the function
        Map<String, String> effective = new LinkedHashMap<>(configuration);
        effective.putAll(jvm.overrides());
        Map<String, String> environment = memoryMb > 0
                ? LambdaEnvironment.of(image, effective, runtimeLib, memoryMb)
                : LambdaEnvironment.of(image, effective, runtimeLib);
        try (LambdaFunction function = new LambdaFunction(image, environment, runtimeLib)) {
            long begin = System.nanoTime();
            byte[] response = function.invoke(event, Instant.now().plusSeconds(60));
            long micros = (System.nanoTime() - begin) / 1_000;
            JsonNode answer = JSON.readTree(response);
            if (answer.path("statusCode").asInt() != 200) {
                throw new IOException(image.name() + " (" + jvm.name() + ") answered its first event with "
                        + answer.path("statusCode").asInt() + ": "
                        + answer.path("body").asText());
            }
            for (int i = 0; i < warmInvocations; i++) {
                long warmBegin = System.nanoTime();
                function.invoke(event, Instant.now().plusSeconds(60));
                warmTimes.get(jvm.name()).add((System.nanoTime() - warmBegin) / 1_000);
            }
            return micros;
        }
    }
}
