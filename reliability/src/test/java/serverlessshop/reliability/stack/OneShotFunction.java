package serverlessshop.reliability.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/**
 * One invocation of another handler of a function's image, in a Lambda instance of its own: what an
 * EventBridge schedule does in AWS with the sweep and pending-releases functions (the same image,
 * its command overridden), and what the deploy does with the migrate function.
 */
public final class OneShotFunction {

    private OneShotFunction() {}

    /** @return the handler's JSON answer */
    public static String invoke(
            Path repo, String function, String name, String handler, Map<String, String> configuration)
            throws Exception {
        Path runtimeLib = repo.resolve("local-cloud/lambda-runtime/target/lib");
        FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(repo, function))
                .withHandler(name, handler);
        try (LambdaFunction instance =
                new LambdaFunction(image, LambdaEnvironment.of(image, configuration, runtimeLib), runtimeLib)) {
            return new String(
                    instance.invoke(
                            "{}".getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(120)),
                    StandardCharsets.UTF_8);
        }
    }
}
