package serverlessshop.localcloud.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a function's process, layered as in Lambda: the image's {@code ENV} first, the
 * function's configuration over it (what Terraform sets in AWS; locally: the database, the issuer,
 * DynamoDB Local, ...), and Lambda's reserved variables last, which nothing overrides. Nothing is
 * inherited from the shell that started the stack: a function sees what it would see in AWS, with
 * the image's paths ({@link ImagePaths}) mapped to this machine's.
 */
public final class LambdaEnvironment {

    private LambdaEnvironment() {}

    /** With the memory the deployment gives the function ({@link FunctionMemory}). */
    public static Map<String, String> of(FunctionImage image, Map<String, String> configuration, Path runtimeLib) {
        return of(image, configuration, runtimeLib, FunctionMemory.megabytes(image));
    }

    public static Map<String, String> of(
            FunctionImage image, Map<String, String> configuration, Path runtimeLib, int memoryMb) {
        return new ImagePaths(image.taskRoot(), runtimeLib).local(inImage(image, configuration, memoryMb));
    }

    /** The same environment as the image's process gets it in AWS: with the image's own paths. */
    static Map<String, String> inImage(FunctionImage image, Map<String, String> configuration, int memoryMb) {
        Map<String, String> environment = new LinkedHashMap<>(image.env());
        environment.putAll(configuration);
        // The base image's ENV (aws/aws-lambda-base-images, Dockerfile.java25) as Lambda runs it (TZ).
        environment.put("PATH", ImagePaths.JAVA_BIN + ":/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("LAMBDA_TASK_ROOT", ImagePaths.TASK_ROOT);
        environment.put("LAMBDA_RUNTIME_DIR", ImagePaths.RUNTIME_DIR);
        // Lambda's reserved variables.
        environment.put("AWS_REGION", LambdaFunction.REGION);
        environment.put("AWS_DEFAULT_REGION", LambdaFunction.REGION);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", image.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + image.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        environment.put("_HANDLER", image.handler());
        // The function role's credentials in AWS: here the key pair the local cloud gave the function, which
        // its Lambda API checks signatures against (DynamoDB Local accepts any).
        environment.put("AWS_ACCESS_KEY_ID", configuration.getOrDefault("AWS_ACCESS_KEY_ID", "local"));
        environment.put("AWS_SECRET_ACCESS_KEY", configuration.getOrDefault("AWS_SECRET_ACCESS_KEY", "local"));
        return environment;
    }
}
