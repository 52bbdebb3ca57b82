package serverlessshop.support.testing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.support.lambda.InvocationContext;

/**
 * Runs a service's Lambda handlers in a test JVM as Lambda does. A handler starts its Spring
 * application in its static initializer, where no test initializer can reach: the test's
 * configuration is set as system properties just while the handler class initializes, and the
 * previous values restored afterwards so that no other test sees them.
 */
public final class LambdaFunctions {

    private LambdaFunctions() {}

    /** Creates a handler while these properties are system properties, then restores the previous ones. */
    public static <T> T withSystemProperties(Map<String, String> properties, Supplier<T> handler) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        try {
            return handler.get();
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    /** One invocation: the serialized event in, the handler's payload-2.0 response out. */
    public static HttpApiResponse invoke(RequestStreamHandler handler, HttpApiEvent event, String functionName) {
        return invoke(handler, event, InvocationContext.of(functionName));
    }

    /**
     * One direct invocation (Lambda Invoke by another function, not API Gateway): the context carries
     * the client context {@code {"custom":{"caller": caller}}} that the caller sent.
     */
    public static HttpApiResponse invokeDirectly(
            RequestStreamHandler handler, HttpApiEvent event, String functionName, String caller) {
        return invoke(handler, event, directContext(functionName, caller));
    }

    /** The Lambda context of a direct invocation of {@code functionName} by {@code caller} (its client context). */
    public static Context directContext(String functionName, String caller) {
        return InvocationContext.direct(functionName, caller);
    }

    private static HttpApiResponse invoke(RequestStreamHandler handler, HttpApiEvent event, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.bytes()), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpApiResponse.parse(output.toByteArray());
    }
}
