package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import serverlessshop.products.ProductsApplication;
import serverlessshop.support.lambda.HttpApiFunction;

/**
 * The products function: API Gateway HTTP API events (payload format 2.0) in, their responses out,
 * through the whole Spring application (security, validation, controllers, problem+json).
 *
 * <p>The Spring context starts in the static initializer, so Lambda runs it in the init phase of a
 * cold start (which is not billed the same way and is not counted against the first request's
 * timeout), and every later invocation of this instance reuses it.
 */
public class StreamLambdaHandler implements RequestStreamHandler {

    private static final HttpApiFunction FUNCTION = HttpApiFunction.start(ProductsApplication.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FUNCTION.handle(input, output, context);
    }
}
