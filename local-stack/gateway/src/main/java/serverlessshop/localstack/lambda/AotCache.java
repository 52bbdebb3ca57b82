package serverlessshop.localstack.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import serverlessshop.localstack.Console;
import serverlessshop.localstack.process.PrefixedOutput;
import serverlessshop.localstack.process.ProcessTrees;

/**
 * The JDK AOT cache of a function, made here as its image build makes it: the Dockerfile's training
 * {@code RUN} (java -XX:AOTCacheOutput=... and the training workload), with this machine's JVM, under
 * the module's target/lambda (the image's /var/task). A cache only works for the JVM build and the
 * jars it was made with (another JVM's is silently ignored), so it is made again when it is missing
 * or older than a jar, the Dockerfile or the JVM. Nothing happens when the function's JVM options
 * name no cache (an untuned run), or the image has no training run.
 */
public final class AotCache {

    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(5);

    private AotCache() {
    }

    /** The cache the JVM options of this environment name, as a local path. */
    static Optional<Path> named(Map<String, String> environment) {
        String options = environment.getOrDefault("JAVA_TOOL_OPTIONS", "");
        for (String option : options.trim().split("\\s+")) {
            if (option.startsWith(AOT_CACHE)) {
                return Optional.of(Path.of(option.substring(AOT_CACHE.length())));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes the cache the function's environment names, unless it is fresh.
     *
     * @param environment the function's environment ({@link LambdaEnvironment}), paths already local
     * @return false when a cache was needed and could not be made (the function then starts without)
     */
    public static boolean ensure(FunctionImage image, Map<String, String> environment, Path runtimeLib)
            throws IOException, InterruptedException {
        Optional<Path> cache = named(environment);
        Optional<ImageRun> training = image.aotTraining();
        if (cache.isEmpty() || training.isEmpty()) {
            return true;
        }
        ImagePaths paths = new ImagePaths(image.taskRoot(), runtimeLib);
        Path output = Path.of(paths.local(training.get().aotCacheOutput().orElseThrow()));
        if (!output.equals(cache.get())) {
            Console.line(image.name(), "JAVA_TOOL_OPTIONS names the AOT cache " + cache.get()
                    + " but the Dockerfile's training run writes " + output + ": not made");
            return false;
        }
        if (isFresh(output, image, runtimeLib)) {
            return true;
        }
        return train(image, training.get(), paths, output);
    }

    /** Newer than every jar it was made from, the Dockerfile that says how, and the JVM that made it. */
    static boolean isFresh(Path cache, FunctionImage image, Path runtimeLib) throws IOException {
        if (!Files.exists(cache)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(cache);
        List<Path> inputs = new ArrayList<>(List.of(image.dockerfile(),
                Path.of(System.getProperty("java.home"), "lib", "modules")));
        for (Path dir : List.of(image.libDir(), runtimeLib)) {
            try (Stream<Path> jars = Files.list(dir)) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(inputs::add);
            }
        }
        for (Path input : inputs) {
            if (Files.exists(input) && Files.getLastModifiedTime(input).compareTo(made) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean train(FunctionImage image, ImageRun training, ImagePaths paths, Path output)
            throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        // Written beside the cache and moved into place when complete: a function never maps half a cache.
        Path partial = output.resolveSibling(output.getFileName() + ".training-" + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>();
        for (String word : paths.local(training.command())) {
            command.add(word.startsWith(AOT_OUTPUT) ? AOT_OUTPUT + partial : word);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(image.taskRoot().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(paths.local(training.env()));
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("LANG", "en_US.UTF-8");
        builder.environment().put("TZ", ":UTC");
        builder.environment().put("LAMBDA_TASK_ROOT", image.taskRoot().toString());
        builder.environment().put("LAMBDA_RUNTIME_DIR", paths.runtimeLib().toString());
        Console.line(image.name(), "making its AOT cache (after each build, as the image build does): "
                + image.taskRoot().relativize(output));
        long begin = System.nanoTime();
        Process process = builder.start();
        // The training's own log is long (Spring, and the JVM's notes on classes it cannot cache): its
        // summary, the cache's creation and errors are enough here.
        PrefixedOutput.forward(process, image.name(), line -> line.startsWith("AOT training")
                || line.contains("AOTCache creation") || line.contains("[error]")
                || (line.contains("Exception") && !line.contains("[warning][aot]")));
        try {
            if (!process.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                Console.line(image.name(), "the AOT training ran past " + TRAINING_LIMIT.toMinutes() + " min: stopped");
                ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(5));
                return false;
            }
            if (process.exitValue() != 0 || !Files.exists(partial)) {
                Console.line(image.name(), "the AOT training failed (exit " + process.exitValue()
                        + "): the function starts without its cache");
                return false;
            }
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Console.line(image.name(), String.format("AOT cache made in %.1f s", (System.nanoTime() - begin) / 1e9));
            return true;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".config"));
        }
    }
}
