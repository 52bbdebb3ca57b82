package serverlessshop.localcloud.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function as its container image defines it, read from its Dockerfile: the handler ({@code CMD}),
 * the image's environment ({@code ENV}), the task root, the folder whose {@code lib/} the Dockerfile
 * copies to {@code ${LAMBDA_TASK_ROOT}/lib/}, the entry point ({@code ENTRYPOINT}, empty for the base
 * image's own) and the build's exec-form {@code RUN}s.
 *
 * @param taskRoot what {@code /var/task} is in the image ({@code <module>/target/lambda})
 */
public record FunctionImage(
        String name,
        Path dockerfile,
        String handler,
        Path taskRoot,
        Map<String, String> env,
        List<String> entrypoint,
        List<ImageRun> runs) {

    private static final String LIB_DESTINATION = "${LAMBDA_TASK_ROOT}/lib";

    public FunctionImage {
        env = Map.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        runs = List.copyOf(runs);
    }

    /** An image with the base image's entrypoint and no build steps of its own. */
    public FunctionImage(String name, Path dockerfile, String handler, Path taskRoot, Map<String, String> env) {
        this(name, dockerfile, handler, taskRoot, env, List.of(), List.of());
    }

    /** The same image with another handler: what Lambda's image_config.command override does. */
    public FunctionImage withHandler(String name, String otherHandler) {
        return new FunctionImage(name, dockerfile, otherHandler, taskRoot, env, entrypoint, runs);
    }

    /**
     * What Lambda runs in a container of this image: the ENTRYPOINT, then the handler (the CMD, or
     * the function's command override) as its last word. Empty when the image keeps the base image's.
     */
    public List<String> command() {
        if (entrypoint.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.add(handler);
        return List.copyOf(command);
    }

    /** The build step that trains the AOT cache ({@code -XX:AOTCacheOutput}), if the image has one. */
    public Optional<ImageRun> aotTraining() {
        return runs.stream().filter(run -> run.aotCacheOutput().isPresent()).findFirst();
    }

    /**
     * Where the build writes a function's Dockerfile: {@code products} is products-impl's, in its Lambda
     * directory (lambda-function-parent), which is also the image's build context.
     */
    public static Path dockerfile(Path repository, String function) {
        return repository.resolve(function + "-impl/target/lambda/Dockerfile");
    }

    public static FunctionImage read(String name, Path dockerfile) throws IOException {
        Dockerfile file = Dockerfile.read(dockerfile);
        Dockerfile.Copy lib = file.copies().stream()
                .filter(copy -> trimSlash(copy.destination()).equals(LIB_DESTINATION))
                .findFirst()
                .orElseThrow(() -> new IOException(dockerfile + " has no COPY ... " + LIB_DESTINATION + "/"));
        if (file.cmd().size() != 1) {
            throw new IOException(dockerfile + ": CMD must name one handler, [\"package.Class::method\"]");
        }
        Path context = dockerfile.toAbsolutePath().getParent();
        Path taskRoot = context.resolve(trimSlash(lib.source())).normalize().getParent();
        for (ImageRun run : file.runs()) {
            for (var mount : run.bindMounts().entrySet()) {
                // The local cloud runs a RUN in place, /var/task being the task root: a folder the RUN
                // mounts must be where its image path is here too.
                String target = trimSlash(mount.getKey());
                Path source = context.resolve(trimSlash(mount.getValue())).normalize();
                if (!target.startsWith(ImagePaths.TASK_ROOT + "/")
                        || !taskRoot.resolve(target.substring(ImagePaths.TASK_ROOT.length() + 1))
                                .equals(source)) {
                    throw new IOException(dockerfile + ": a RUN mounts " + mount.getValue() + " at " + target
                            + ", which the local cloud cannot run in place: mount a folder of the task root ("
                            + context.relativize(taskRoot) + ") at the same path under " + ImagePaths.TASK_ROOT);
                }
            }
        }
        return new FunctionImage(
                name, dockerfile, file.cmd().getFirst(), taskRoot, file.env(), file.entrypoint(), file.runs());
    }

    /** The folders of the task root the AOT training RUN mounts for itself (its workload), where they are here. */
    public List<Path> trainingMounts() {
        return aotTraining().stream()
                .flatMap(run -> run.bindMounts().keySet().stream())
                .map(target -> taskRoot.resolve(trimSlash(target).substring(ImagePaths.TASK_ROOT.length() + 1)))
                .toList();
    }

    public Path libDir() {
        return taskRoot.resolve("lib");
    }

    /** Whether the build has filled the folder the Dockerfile copies, launcher and training workload included. */
    public boolean isBuilt() throws IOException {
        if (!Files.isDirectory(libDir())) {
            return false;
        }
        for (String word : entrypoint) {
            if (word.startsWith(ImagePaths.TASK_ROOT + "/")
                    && !Files.exists(taskRoot.resolve(word.substring(ImagePaths.TASK_ROOT.length() + 1)))) {
                return false;
            }
        }
        for (Path mounted : trainingMounts()) {
            if (!Files.isDirectory(mounted)) {
                return false;
            }
        }
        try (var jars = Files.list(libDir())) {
            return jars.anyMatch(jar -> jar.toString().endsWith(".jar"));
        }
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
