package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.process.JavaCommand;

/**
 * What the images run, and that the local cloud runs the same: both command lines derived from the
 * Dockerfile, each run through the image's launcher (lambda-java) in the environment Lambda sets, and
 * the JVM command lines they end in compared; then the real JVM, for the heap and the AOT cache.
 */
class ImageCommandTest {

    /** The launcher the build copies into every function's task root (target/lambda/bin). */
    private static final Path LAUNCHER = Repository.root().resolve("service-support/src/main/lambda/bin/lambda-java");

    private static final String IMAGE_LAUNCHER = "/var/task/bin/lambda-java";
    private static final Pattern MAX_HEAP = Pattern.compile("\\bMaxHeapSize\\s*=\\s*(\\d+)");

    /** A stand-in for java that prints the arguments it was given, one a line: the JVM's command line. */
    @TempDir
    static Path printingJava;

    @BeforeAll
    static void writePrintingJava() throws IOException {
        Path java = printingJava.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor word in \"$@\"; do printf '%s\\n' \"$word\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theLocalCloudRunsTheCommandLineOfTheImage() throws Exception {
        for (String function : List.of("products", "orders")) {
            FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(Repository.root(), function));
            requireBuilt(image);
            Path runtimeLib = Repository.runtimeLib();
            ImagePaths paths = new ImagePaths(image.taskRoot(), runtimeLib);
            int memory = FunctionMemory.megabytes(image);

            // In AWS: the image's ENTRYPOINT and CMD in the environment Lambda sets, with the image's paths.
            // Its /var/task/bin/lambda-java is the repository's launcher, which the build copies there.
            List<String> inImage = new ArrayList<>(image.command());
            assertThat(inImage.subList(0, 2)).as(function).containsExactly("/bin/sh", IMAGE_LAUNCHER);
            inImage.set(1, LAUNCHER.toString());
            List<String> imageJvm = jvmCommandLine(inImage, LambdaEnvironment.inImage(image, Map.of(), memory));

            // Here: what the local cloud starts, in the environment it gives the function.
            List<String> local = FunctionInstance.command(image, runtimeLib);
            assertThat(Path.of(local.get(1)))
                    .as(function + ": the launcher the build copied")
                    .isEqualTo(image.taskRoot().resolve("bin/lambda-java"))
                    .hasSameBinaryContentAs(LAUNCHER);
            Map<String, String> localEnvironment = LambdaEnvironment.of(image, Map.of(), runtimeLib);
            assertThat(localEnvironment.get("PATH"))
                    .as("java is the stack's own JDK, as /var/lang/bin/java in the image")
                    .startsWith(Path.of(System.getProperty("java.home"), "bin") + ":");
            List<String> localJvm = new ArrayList<>(jvmCommandLine(local, localEnvironment));

            String jni = RuntimeJni.option(runtimeLib);
            assertThat(localJvm)
                    .as(function + ": the one option the image does not have, where the client's" + " JNI library is")
                    .containsOnlyOnce(jni);
            localJvm.remove(jni);
            assertThat(localJvm)
                    .as(function + ": the image's JVM command line, its paths mapped")
                    .isEqualTo(paths.local(imageJvm));
            assertThat(imageJvm)
                    .as(function)
                    .contains(
                            "-XX:MaxHeapSize=" + expectedHeapKib(memory) + "k",
                            "-XX:+UseSerialGC",
                            "-XX:+TieredCompilation",
                            "-XX:TieredStopAtLevel=1",
                            "-classpath",
                            "/var/task/lib/*:/var/runtime/lib/*",
                            "-XX:AOTCache=/var/task/app.aot",
                            FunctionInstance.RUNTIME_MAIN,
                            image.handler());
            assertThat(imageJvm.getLast()).isEqualTo(image.handler());
        }
    }

    @Test
    void theTrainingRunsWithTheOptionsAndTheClassPathOfTheFunction() throws Exception {
        for (String function : List.of("products", "orders")) {
            FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(Repository.root(), function));
            ImageRun training = image.aotTraining().orElseThrow();
            String cache = training.aotCacheOutput().orElseThrow();
            Map<String, String> lambda = LambdaEnvironment.inImage(image, Map.of(), 1024);

            List<String> trainingCommand = new ArrayList<>(training.command());
            trainingCommand.set(1, LAUNCHER.toString());
            List<String> functionCommand = new ArrayList<>(image.command());
            functionCommand.set(1, LAUNCHER.toString());
            List<String> trainingJvm = jvmCommandLine(trainingCommand, lambda);
            List<String> functionJvm = jvmCommandLine(functionCommand, lambda);

            int options = functionJvm.indexOf("-XX:AOTCache=" + cache);
            assertThat(options)
                    .as(function + ": the function's JVM maps the cache the training writes")
                    .isPositive();
            assertThat(trainingJvm.subList(0, options))
                    .as(function + ": the same options and class path")
                    .isEqualTo(functionJvm.subList(0, options));
            // The workload from the folder the RUN mounts, through a class loader of its own: not on the class path.
            assertThat(trainingJvm.subList(options, trainingJvm.size()))
                    .containsExactly(
                            "-XX:AOTCacheOutput=" + cache,
                            "serverlessshop.support.lambda.IsolatedMain",
                            "/var/task/training",
                            "serverlessshop.training." + function + ".AotTraining");
            assertThat(training.bindMounts()).as(function).containsExactly(Map.entry("/var/task/training", "training"));
        }
    }

    @Test
    void theLauncherFollowsTheRuntimesRules() throws Exception {
        FunctionImage image = FunctionImage.read("products", FunctionImage.dockerfile(Repository.root(), "products"));
        List<String> command = new ArrayList<>(image.command());
        command.set(1, LAUNCHER.toString());

        assertThat(jvmCommandLine(command, lambda(image, 512, Map.of())))
                .as("85 % of the memory")
                .contains("-XX:MaxHeapSize=445644k");
        assertThat(jvmCommandLine(command, lambda(image, 2048, Map.of())))
                .as("all but 240 MB, when that is more")
                .contains("-XX:MaxHeapSize=1851392k");
        Map<String, String> build = new LinkedHashMap<>(lambda(image, 1024, Map.of()));
        build.remove("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        assertThat(jvmCommandLine(command, build))
                .as("an image build sets no memory: the JVM sizes its heap")
                .noneMatch(word -> word.startsWith("-XX:MaxHeapSize"));
        assertThat(jvmCommandLine(
                        command,
                        lambda(image, 1024, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))))
                .as("the JVM's own compilation with provisioned concurrency (and SnapStart)")
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+TieredCompilation")
                .contains("-XX:+UseSerialGC");
        assertThat(jvmCommandLine(
                        command, lambda(image, 1024, Map.of("JAVA_TOOL_OPTIONS", "-Xss1m -XX:+UseParallelGC"))))
                .as("a collector named in JAVA_TOOL_OPTIONS replaces the serial one (two would stop the JVM)")
                .doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theHeapFollowsTheFunctionsMemory() throws Exception {
        FunctionImage image = FunctionImage.read("products", FunctionImage.dockerfile(Repository.root(), "products"));
        requireBuilt(image);
        Path runtimeLib = Repository.runtimeLib();
        Path launcher = image.taskRoot().resolve("bin/lambda-java");
        long previous = 0;
        for (int memory : new int[] {256, 1024, 2048}) {
            // The real JVM, started as the function's is, asked for its flags instead of the handler.
            Run flags = run(
                    List.of("/bin/sh", launcher.toString(), "-XX:+PrintFlagsFinal", "-version"),
                    LambdaEnvironment.of(image, Map.of(), runtimeLib, memory),
                    image.taskRoot());
            assertThat(flags.exit()).as(flags.output()).isZero();
            Matcher heap = MAX_HEAP.matcher(flags.output());
            assertThat(heap.find()).as(flags.output()).isTrue();
            long bytes = Long.parseLong(heap.group(1));
            long asked = expectedHeapKib(memory) * 1024;
            assertThat(bytes)
                    .as(memory + " MB: what the launcher asks, aligned up by the JVM")
                    .isBetween(asked, asked + 2 * 1024 * 1024);
            assertThat(bytes).as("more memory, more heap").isGreaterThan(previous);
            assertThat(flags.output())
                    .containsPattern("bool UseSerialGC\\s*= true")
                    .containsPattern("intx TieredStopAtLevel\\s*= 1 ");
            previous = bytes;
        }
    }

    @Test
    void aCacheTrainedAtOneMemorySizeIsUsedAtAnotherButNotWithoutTheLaunchersOptions(@TempDir Path dir)
            throws Exception {
        // A task root as the build lays one out (lib/*.jar, bin/lambda-java), with a small program for a workload.
        Path taskRoot = dir.resolve("task");
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.createDirectories(taskRoot.resolve("bin"));
        Files.copy(LAUNCHER, taskRoot.resolve("bin/lambda-java"));
        pack(taskRoot.resolve("lib/training.jar"), TrainingWorkload.class);
        FunctionImage image =
                new FunctionImage("training", dir.resolve("Dockerfile"), "unused::handleRequest", taskRoot, Map.of());
        String launcher = taskRoot.resolve("bin/lambda-java").toString();
        Path cache = dir.resolve("app.aot");

        Run training = run(
                List.of("/bin/sh", launcher, "-XX:AOTCacheOutput=" + cache, TrainingWorkload.class.getName()),
                LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib(), 1024),
                taskRoot);
        assertThat(training.exit()).as(training.output()).isZero();
        assertThat(cache).isNotEmptyFile();

        for (int memory : new int[] {256, 4096}) {
            // AOTMode=on: the JVM stops rather than start without the cache.
            Run used = run(
                    List.of(
                            "/bin/sh",
                            launcher,
                            "-XX:AOTCache=" + cache,
                            "-XX:AOTMode=on",
                            "-Xlog:aot",
                            TrainingWorkload.class.getName()),
                    LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib(), memory),
                    taskRoot);
            assertThat(used.exit()).as(memory + " MB: " + used.output()).isZero();
            assertThat(used.output()).contains("Using AOT-linked classes: true").contains("trained workload ran");
        }

        // The same class path, without one of the options the launcher passes (the runtime's --add-opens):
        // the JVM refuses the cache, which is why the training goes through the launcher too.
        Run refused = run(
                List.of(
                        JavaCommand.java(),
                        "-XX:+UseSerialGC",
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:AOTCache=" + cache,
                        "-XX:AOTMode=on",
                        "-classpath",
                        taskRoot.resolve("lib") + "/*:" + Repository.runtimeLib() + "/*",
                        TrainingWorkload.class.getName()),
                LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib(), 1024),
                taskRoot);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("Unable to use AOT cache");
    }

    @Test
    void aJarAddedAfterTheFunctionsClassPathLeavesItsCacheInUse(@TempDir Path dir) throws Exception {
        Path taskRoot = dir.resolve("task");
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.createDirectories(taskRoot.resolve("bin"));
        Files.copy(LAUNCHER, taskRoot.resolve("bin/lambda-java"));
        pack(taskRoot.resolve("lib/training.jar"), TrainingWorkload.class);
        Path added = dir.resolve("added.jar");
        pack(added, EchoHandler.class);
        FunctionImage image = new FunctionImage(
                "training",
                dir.resolve("Dockerfile"),
                "unused::handleRequest",
                taskRoot,
                Map.of(),
                List.of("/bin/sh", IMAGE_LAUNCHER, "-XX:AOTCache=/var/task/app.aot", FunctionInstance.RUNTIME_MAIN),
                List.of());
        Map<String, String> environment = LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib(), 1024);
        Run training = run(
                List.of(
                        "/bin/sh",
                        taskRoot.resolve("bin/lambda-java").toString(),
                        "-XX:AOTCacheOutput=" + taskRoot.resolve("app.aot"),
                        TrainingWorkload.class.getName()),
                environment,
                taskRoot);
        assertThat(training.exit()).as(training.output()).isZero();

        // The instance's command line with the jar added, the workload in place of the client and its handler;
        // AOTMode=on: the JVM stops rather than start without the cache.
        List<String> command =
                new ArrayList<>(FunctionInstance.command(image, Repository.runtimeLib(), List.of(added)));
        command.subList(command.indexOf(FunctionInstance.RUNTIME_MAIN), command.size())
                .clear();
        command.addAll(
                List.of("-XX:AOTMode=on", "-Xlog:aot", "-XshowSettings:properties", TrainingWorkload.class.getName()));
        Run used = run(command, environment, taskRoot);
        assertThat(used.exit()).as(used.output()).isZero();
        assertThat(used.output())
                .contains("Using AOT-linked classes: true")
                .contains("trained workload ran")
                .as("the jar is on the class path")
                .contains(added.toString());
    }

    /**
     * The guard of the cache itself, on the real images: each function started as its image starts it
     * (ENTRYPOINT and CMD through the launcher, the environment Lambda sets) with the cache its
     * training RUN made here, logging what the JVM does with it (-Xlog in JAVA_TOOL_OPTIONS: logging
     * changes nothing the cache depends on). A JVM that refuses the cache, or keeps it but drops its
     * module graph or heap objects, still starts and answers, only slower; the equal command lines
     * above cannot show that, the JVM's own account can.
     */
    @Test
    void eachFunctionStartsFromTheCacheItsTrainingMade(@TempDir Path dir) throws Exception {
        for (String function : List.of("products", "orders")) {
            FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(Repository.root(), function));
            requireBuilt(image);
            Path runtimeLib = Repository.runtimeLib();
            assertThat(AotCache.ensure(image, LambdaEnvironment.of(image, Map.of(), runtimeLib), runtimeLib))
                    .as(function + ": its training run made the cache")
                    .isTrue();
            Path log = dir.resolve(function + "-jvm.log");
            Map<String, String> environment = LambdaEnvironment.of(
                    image, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:aot=info,class+load=info:file=" + log), runtimeLib);
            try (LambdaFunction started = new LambdaFunction(image, environment, runtimeLib)) {
                // Any answer will do (a 404 of an unknown route): the handler started in the init phase.
                started.invoke(
                        "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/unknown\",\"headers\":{},\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/unknown\"}},\"isBase64Encoded\":false}"
                                .getBytes(StandardCharsets.UTF_8),
                        Instant.now().plusSeconds(120));
            }
            String jvm = Files.readString(log);
            assertThat(jvm)
                    .as(
                            function
                                    + ": the cache mapped, its classes loaded and linked, its module graph and heap objects used")
                    .contains("Using AOT-linked classes: true")
                    .contains("use_full_module_graph = true")
                    .containsPattern("Loaded heap +region")
                    .doesNotContain("Unable to use AOT cache");
            long loaded =
                    jvm.lines().filter(line -> line.contains("[class,load]")).count();
            long cached = jvm.lines()
                    .filter(line -> line.contains("[class,load]") && line.endsWith("source: shared objects file"))
                    .count();
            assertThat(cached)
                    .as(function + ": classes from the cache of the " + loaded + " its start and first answer loaded")
                    .isGreaterThan(loaded * 8 / 10);
        }
    }

    /** What the launcher asks for, in KiB: 85 % of the memory, or all of it but 240 MB when that is more. */
    private static long expectedHeapKib(int memoryMb) {
        return Math.max(memoryMb * 1024L * 85 / 100, (memoryMb - 240) * 1024L);
    }

    private static Map<String, String> lambda(FunctionImage image, int memory, Map<String, String> configuration) {
        Map<String, String> environment = new LinkedHashMap<>(LambdaEnvironment.inImage(image, Map.of(), memory));
        environment.putAll(configuration);
        return environment;
    }

    /** The arguments java gets when this command runs in this environment (the printing java first on PATH). */
    private static List<String> jvmCommandLine(List<String> command, Map<String, String> environment) throws Exception {
        Map<String, String> printing = new LinkedHashMap<>(environment);
        printing.put("PATH", printingJava + ":" + environment.get("PATH"));
        Run run = run(command, printing, printingJava);
        assertThat(run.exit())
                .as(String.join(" ", command) + ": " + run.output())
                .isZero();
        return run.output().lines().toList();
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command, Map<String, String> environment, Path directory) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end");
        }
        return new Run(process.exitValue(), output);
    }

    private static void pack(Path jar, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream classFile = type.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }

    /** The folders a function's command runs from: made by the build (make build, or ./mvnw package). */
    private static void requireBuilt(FunctionImage image) throws IOException {
        if (image.isBuilt()) {
            return;
        }
        String why = Repository.root().relativize(image.taskRoot()) + " is not built (lib/ and bin/lambda-java): run"
                + " ./mvnw -pl " + image.name() + "-impl -am package";
        if (Repository.isCi()) {
            fail(why + " (CI=true: nothing may be skipped)");
        }
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }
}
