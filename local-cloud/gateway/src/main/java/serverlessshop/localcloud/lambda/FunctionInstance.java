package serverlessshop.localcloud.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.process.JavaCommand;
import serverlessshop.localcloud.process.PrefixedOutput;
import serverlessshop.localcloud.process.ProcessTrees;

/**
 * One instance of a function: a JVM started as Lambda starts the container image ({@link #command}:
 * the image's ENTRYPOINT with the handler from its CMD as argument; the environment Lambda sets, the
 * task root as working directory), talking to its own {@link RuntimeApi}. Its output goes to the console prefixed with the function's name.
 */
final class FunctionInstance implements AutoCloseable {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final RuntimeApi runtimeApi;

    private FunctionInstance(Process process, RuntimeApi runtimeApi) {
        this.process = process;
        this.runtimeApi = runtimeApi;
    }

    static FunctionInstance start(
            FunctionImage image,
            Map<String, String> environment,
            Path runtimeLib,
            List<Path> addedJars,
            String functionArn)
            throws IOException {
        RuntimeApi runtimeApi = new RuntimeApi(functionArn, RuntimeApi.activeTracing(environment));
        List<String> command = command(image, runtimeLib, addedJars);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(image.taskRoot().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            runtimeApi.close();
            throw e;
        }
        PrefixedOutput.forward(process, image.name(), line -> true);
        process.onExit()
                .thenRun(() -> runtimeApi.failAll(new FunctionFailure(
                        "Runtime.ExitError", "the function's process exited with status " + process.exitValue())));
        return new FunctionInstance(process, runtimeApi);
    }

    /**
     * The command line of an instance: the image's own (ENTRYPOINT, then the handler), its paths
     * mapped to this machine's, plus one option: where the client's JNI library is ({@link RuntimeJni}).
     * It goes in as the first option, which reaches the JVM whether the entry point is java itself or a
     * launcher that hands its options on. An image without an ENTRYPOINT gets the base image's: the
     * Runtime Interface Client as the main class, with the task's and the runtime's jars.
     */
    static List<String> command(FunctionImage image, Path runtimeLib) {
        return command(image, runtimeLib, List.of());
    }

    /**
     * With {@code addedJars} after the class path the image's launcher gives the JVM (the task's jars,
     * then the runtime's, as the base image's): a {@code -cp} just before the main class, which wins over
     * the launcher's own. The AOT cache only loads when the class path starts with the training's, so
     * nothing goes before it.
     */
    static List<String> command(FunctionImage image, Path runtimeLib, List<Path> addedJars) {
        List<String> command = new ArrayList<>(
                image.entrypoint().isEmpty()
                        ? List.of(
                                JavaCommand.java(),
                                // The client loads its JNI part with System.load; JDK 25 warns on every start without
                                // this.
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                image.libDir() + "/*:" + runtimeLib + "/*",
                                RUNTIME_MAIN,
                                image.handler())
                        : new ImagePaths(image.taskRoot(), runtimeLib).local(image.command()));
        int firstOption = 1;
        while (firstOption < command.size() && !command.get(firstOption).startsWith("-")) {
            firstOption++;
        }
        command.add(Math.min(firstOption, command.size() - 1), RuntimeJni.option(runtimeLib));
        if (!addedJars.isEmpty()) {
            int main = command.indexOf(RUNTIME_MAIN);
            if (main < 0) {
                throw new IllegalArgumentException(image.name() + ": jars can only be added to a command that runs "
                        + RUNTIME_MAIN + ", not " + command);
            }
            // lambda-java's $LAMBDA_TASK_ROOT/lib/*:$LAMBDA_RUNTIME_DIR/lib/*, as LambdaEnvironment maps them.
            StringBuilder extended = new StringBuilder(image.libDir() + "/*:" + runtimeLib.toAbsolutePath() + "/*");
            addedJars.forEach(jar -> extended.append(':').append(jar.toAbsolutePath()));
            command.addAll(main, List.of("-cp", extended.toString()));
        }
        return command;
    }

    RuntimeApi runtimeApi() {
        return runtimeApi;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(10));
        runtimeApi.close();
    }
}
