package serverlessshop.localcloud.lambda;

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
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.process.PrefixedOutput;
import serverlessshop.localcloud.process.ProcessTrees;

/**
 * The JDK AOT cache of a function, made here as its image build makes it: the Dockerfile's training
 * {@code RUN} (java -XX:AOTCacheOutput=... and the training workload), with this machine's JVM, under
 * the module's target/lambda (the image's /var/task). A cache only works for the JVM build and the
 * jars it was made with (another JVM's is silently ignored), so it is made again when it is missing
 * or older than a jar, the launcher, the Dockerfile or the JVM. Nothing happens when the image's
 * ENTRYPOINT names no cache, or the image has no training run.
 */
public final class AotCache {

    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(5);

    private AotCache() {}

    /** The cache a command line names ({@code -XX:AOTCache=}), as it stands in it. */
    static Optional<Path> named(List<String> command) {
        for (String word : command) {
            if (word.startsWith(AOT_CACHE)) {
                return Optional.of(Path.of(word.substring(AOT_CACHE.length())));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes the cache the function's command line names, unless it is fresh.
     *
     * @param environment the function's environment ({@link LambdaEnvironment}), paths already local:
     *                    the training runs with the same memory and Lambda variables, and the image's
     *                    ENV as the RUN sees it, but not the function's configuration (the image
     *                    build has none)
     * @return false when a cache was needed and could not be made (the function then starts without)
     */
    public static boolean ensure(FunctionImage image, Map<String, String> environment, Path runtimeLib)
            throws IOException, InterruptedException {
        ImagePaths paths = new ImagePaths(image.taskRoot(), runtimeLib);
        Optional<Path> cache = named(paths.local(image.entrypoint()));
        Optional<ImageRun> training = image.aotTraining();
        if (cache.isEmpty() || training.isEmpty()) {
            return true;
        }
        Path output = Path.of(paths.local(training.get().aotCacheOutput().orElseThrow()));
        if (!output.equals(cache.get())) {
            Console.line(
                    image.name(),
                    "the ENTRYPOINT names the AOT cache " + cache.get() + " but the Dockerfile's training run writes "
                            + output + ": not made");
            return false;
        }
        if (isFresh(output, image, runtimeLib)) {
            return true;
        }
        for (Path workload : image.trainingMounts()) {
            if (!Files.isDirectory(workload)) {
                Console.line(
                        image.name(),
                        "the AOT training's " + workload + " is not built (./mvnw -pl aot-training -am"
                                + " package): the function starts without its cache");
                return false;
            }
        }
        int memoryMb = Integer.parseInt(environment.getOrDefault(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(FunctionMemory.megabytes(image))));
        FunctionImage atTheRun = new FunctionImage(
                image.name(),
                image.dockerfile(),
                image.handler(),
                image.taskRoot(),
                training.get().env(),
                image.entrypoint(),
                image.runs());
        return train(
                image, training.get(), paths, output, LambdaEnvironment.of(atTheRun, Map.of(), runtimeLib, memoryMb));
    }

    /**
     * Newer than every jar it was made from (the function's, the runtime's, the training workload's),
     * the Dockerfile that says how, the launcher that ran the training (the task root's bin) and the
     * JVM that made it.
     */
    static boolean isFresh(Path cache, FunctionImage image, Path runtimeLib) throws IOException {
        if (!Files.exists(cache)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(cache);
        List<Path> inputs = new ArrayList<>(
                List.of(image.dockerfile(), Path.of(System.getProperty("java.home"), "lib", "modules")));
        List<Path> jarDirs = new ArrayList<>(List.of(image.libDir(), runtimeLib));
        jarDirs.addAll(image.trainingMounts());
        for (Path dir : jarDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(dir)) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(inputs::add);
            }
        }
        Path bin = image.taskRoot().resolve("bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> launchers = Files.list(bin)) {
                launchers.forEach(inputs::add);
            }
        }
        for (Path input : inputs) {
            if (Files.exists(input) && Files.getLastModifiedTime(input).compareTo(made) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean train(
            FunctionImage image, ImageRun training, ImagePaths paths, Path output, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        // Written beside the cache and moved into place when complete: a function never maps half a cache.
        Path partial = output.resolveSibling(
                output.getFileName() + ".training-" + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>();
        for (String word : paths.local(training.command())) {
            command.add(word.startsWith(AOT_OUTPUT) ? AOT_OUTPUT + partial : word);
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(image.taskRoot().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Console.line(
                image.name(),
                "making its AOT cache (after each build, as the image build does): "
                        + image.taskRoot().relativize(output));
        long begin = System.nanoTime();
        Process process = builder.start();
        // The training's own log is long (Spring, and the JVM's notes on classes it cannot cache): its
        // summary, the cache's creation and errors are enough here.
        PrefixedOutput.forward(
                process,
                image.name(),
                line -> line.startsWith("AOT training")
                        || line.contains("AOTCache creation")
                        || line.contains("[error]")
                        || (line.contains("Exception") && !line.contains("[warning][aot]")));
        try {
            if (!process.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                Console.line(image.name(), "the AOT training ran past " + TRAINING_LIMIT.toMinutes() + " min: stopped");
                ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(5));
                return false;
            }
            if (process.exitValue() != 0 || !Files.exists(partial)) {
                Console.line(
                        image.name(),
                        "the AOT training failed (exit " + process.exitValue()
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
