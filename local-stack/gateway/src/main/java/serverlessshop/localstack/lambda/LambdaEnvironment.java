package serverlessshop.localstack.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a function's process, layered as in Lambda: the image's {@code ENV} first, the
 * function's configuration over it (what Terraform sets in AWS; locally: the database, the issuer,
 * DynamoDB Local, ...), and Lambda's reserved variables last, which nothing overrides. Nothing is
 * inherited from the shell that started the stack: a function sees what it would see in AWS.
 */
public final class LambdaEnvironment {

    private LambdaEnvironment() {
    }

    public static Map<String, String> of(FunctionImage image, Map<String, String> configuration, Path runtimeLib) {
        // The image's paths (an AOT cache under /var/task in JAVA_TOOL_OPTIONS) as they are here.
        ImagePaths paths = new ImagePaths(image.taskRoot(), runtimeLib);
        Map<String, String> environment = new LinkedHashMap<>(paths.local(image.env()));
        environment.putAll(paths.local(configuration));
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("AWS_REGION", LambdaFunction.REGION);
        environment.put("AWS_DEFAULT_REGION", LambdaFunction.REGION);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", image.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + image.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        environment.put("_HANDLER", image.handler());
        environment.put("LAMBDA_TASK_ROOT", image.taskRoot().toString());
        environment.put("LAMBDA_RUNTIME_DIR", runtimeLib.toString());
        // The function role's credentials in AWS; DynamoDB Local accepts any.
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        return environment;
    }
}
