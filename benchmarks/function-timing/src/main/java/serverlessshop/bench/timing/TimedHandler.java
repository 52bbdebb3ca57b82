package serverlessshop.bench.timing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * The handler the bench names in place of the function's own (as Lambda's image_config.command
 * would): it creates the function's handler, named in {@code SHOP_BENCH_HANDLER_<FUNCTION>} (the
 * function's name in capitals, {@code SHOP_BENCH_HANDLER_PRODUCTS}), and times each invocation around
 * it. Creating it runs the handler's static initializer, the Spring start, in the init phase as usual.
 */
public final class TimedHandler implements RequestStreamHandler {

    public static final String HANDLER_VARIABLE = "SHOP_BENCH_HANDLER_";

    private final RequestStreamHandler handler;

    public TimedHandler() {
        this(System.getenv(HANDLER_VARIABLE + functionName()));
    }

    TimedHandler(String handler) {
        this.handler = create(handler);
    }

    private static String functionName() {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return name == null ? "" : name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code package.Class} or {@code package.Class::handleRequest}, a RequestStreamHandler. */
    static RequestStreamHandler create(String handler) {
        if (handler == null || handler.isBlank()) {
            throw new IllegalStateException(
                    "TimedHandler needs the function's own handler in " + HANDLER_VARIABLE + functionName());
        }
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            // The Runtime Interface Client's class loader, which loads a function's handler.
            Class<?> type =
                    Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            return type.asSubclass(RequestStreamHandler.class).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + " could not start", e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(handler + " is not a RequestStreamHandler with a public constructor", e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long begin = InvocationTiming.begin();
        try {
            handler.handleRequest(input, output, context);
        } finally {
            System.out.println(InvocationTiming.end(begin));
        }
    }
}
