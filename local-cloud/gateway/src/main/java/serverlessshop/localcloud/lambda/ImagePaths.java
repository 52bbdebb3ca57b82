package serverlessshop.localcloud.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.process.JavaCommand;

/**
 * The paths of the Lambda Java base image, as they are on this machine: the task root
 * ({@code /var/task}: the module's target/lambda), the runtime ({@code /var/runtime}, whose
 * {@code lib} holds the Runtime Interface Client's jars: local-cloud/lambda-runtime/target/lib) and
 * the JVM ({@code /var/lang/bin/java}: the JDK the stack runs on). A word of the Dockerfile (an
 * ENTRYPOINT, a RUN, an ENV value) or of the environment Lambda sets (PATH) is mapped as a whole.
 */
public record ImagePaths(Path taskRoot, Path runtimeLib) {

    public static final String TASK_ROOT = "/var/task";
    public static final String RUNTIME_DIR = "/var/runtime";
    public static final String RUNTIME_LIB = RUNTIME_DIR + "/lib";
    public static final String JAVA_BIN = "/var/lang/bin";
    public static final String JAVA = JAVA_BIN + "/java";

    public String local(String word) {
        // The longer paths first: /var/runtime/lib before /var/runtime.
        return word.replace(JAVA, JavaCommand.java())
                .replace(JAVA_BIN, Path.of(JavaCommand.java()).getParent().toString())
                .replace(RUNTIME_LIB, runtimeLib.toString())
                .replace(RUNTIME_DIR, runtimeDir().toString())
                .replace(TASK_ROOT, taskRoot.toString());
    }

    /** What {@code /var/runtime} is here: the folder whose {@code lib} the runtime's jars are in. */
    public Path runtimeDir() {
        return runtimeLib.toAbsolutePath().getParent();
    }

    public List<String> local(List<String> words) {
        return words.stream().map(this::local).toList();
    }

    public Map<String, String> local(Map<String, String> variables) {
        Map<String, String> mapped = new LinkedHashMap<>();
        variables.forEach((name, value) -> mapped.put(name, local(value)));
        return mapped;
    }
}
