package serverlessshop.localstack.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localstack.process.JavaCommand;

/**
 * The paths of the Lambda Java base image, as they are on this machine: the task root
 * ({@code /var/task}: the module's target/lambda), the runtime's jars ({@code /var/runtime/lib}:
 * local-stack/lambda-runtime/target/lib) and the JVM ({@code /var/lang/bin/java}: the JDK the stack
 * runs on). A word of the Dockerfile (an ENTRYPOINT, a RUN, an ENV value) is mapped as a whole.
 */
public record ImagePaths(Path taskRoot, Path runtimeLib) {

    public static final String TASK_ROOT = "/var/task";
    public static final String RUNTIME_LIB = "/var/runtime/lib";
    public static final String JAVA = "/var/lang/bin/java";

    public String local(String word) {
        return word.replace(JAVA, JavaCommand.java())
                .replace(RUNTIME_LIB, runtimeLib.toString())
                .replace(TASK_ROOT, taskRoot.toString());
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
