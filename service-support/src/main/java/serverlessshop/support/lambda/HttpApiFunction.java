package serverlessshop.support.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import serverlessshop.support.timing.HandlerTiming;

/**
 * A Spring Boot application as a Lambda function for API Gateway HTTP API events (payload format
 * 2.0): the whole application (security, validation, controllers, problem+json) answers each event.
 * A service's handler class starts it in its static initializer, so Lambda runs the start in the
 * init phase of a cold start and every later invocation of the instance reuses it.
 */
public final class HttpApiFunction {

    private final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> handler;

    private HttpApiFunction(SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> handler) {
        this.handler = handler;
    }

    public static HttpApiFunction start(Class<?> application) {
        // The container decodes a response body it holds as bytes with this charset unless the body's
        // type is exactly application/json: application/problem+json came out as ISO-8859-1, turning
        // every non-ASCII character of a problem into mojibake. JSON is UTF-8 (RFC 8259).
        com.amazonaws.serverless.proxy.internal.LambdaContainerHandler.getContainerConfig()
                .setDefaultContentCharset(java.nio.charset.StandardCharsets.UTF_8.name());
        try {
            return new HttpApiFunction(SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(application));
        } catch (ContainerInitializationException e) {
            // Fails the init phase: Lambda reports it and retries the cold start on the next request.
            throw new IllegalStateException(application.getSimpleName() + " could not start", e);
        }
    }

    public void handle(InputStream input, OutputStream output, Context context) throws IOException {
        long begin = HandlerTiming.begin();
        try {
            handler.proxyStream(input, output, context);
        } finally {
            HandlerTiming.end(begin);
        }
    }
}
