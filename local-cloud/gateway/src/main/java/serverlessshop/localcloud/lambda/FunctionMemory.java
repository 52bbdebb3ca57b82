package serverlessshop.localcloud.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a function runs with locally (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, from which the image's
 * launcher sizes the heap): the one the deployment gives the API functions, the default of
 * {@code api_memory_mb} in terraform/envs/dev/variables.tf, read from there so that it has one
 * source. An image outside this repository (a test's) gets Lambda's own default, 128 MB.
 */
public final class FunctionMemory {

    static final String VARIABLES = "terraform/envs/dev/variables.tf";
    static final int LAMBDA_DEFAULT_MB = 128;

    private static final Pattern API_MEMORY =
            Pattern.compile("variable\\s+\"api_memory_mb\"\\s*\\{[^}]*?\\bdefault\\s*=\\s*(\\d+)");

    private FunctionMemory() {}

    /** In MB, for a function of this image (task root {@code <repository>/<module>/target/lambda}). */
    public static int megabytes(FunctionImage image) {
        Path variables = image.taskRoot()
                .toAbsolutePath()
                .resolve("../../..")
                .normalize()
                .resolve(VARIABLES);
        if (!Files.exists(variables)) {
            return LAMBDA_DEFAULT_MB;
        }
        try {
            Matcher match = API_MEMORY.matcher(Files.readString(variables));
            if (!match.find()) {
                throw new IllegalStateException(
                        variables + " has no variable \"api_memory_mb\" with a default: the local"
                                + " functions take their memory from it");
            }
            return Integer.parseInt(match.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
