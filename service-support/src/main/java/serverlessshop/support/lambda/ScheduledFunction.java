package serverlessshop.support.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application as a Lambda function that an EventBridge schedule invokes: the service's
 * own application, its beans and configuration, without a web server. A Lambda instance is frozen
 * between invocations, so a service's in-process schedule cannot be relied on there; the job runs
 * in a function of the same image instead, its command overridden to the job's handler class. That
 * class starts it in its static initializer, as with {@link HttpApiFunction}, so the start is part of
 * the init phase and later invocations of the instance reuse it.
 */
public final class ScheduledFunction {

    /*
     * aws-serverless-java-container's auto-configuration registers a servlet container even in a
     * context without a web server, which a job would then start for nothing.
     */
    private static final String NO_SERVLET_CONTAINER = "spring.autoconfigure.exclude="
            + "org.springframework.cloud.function.serverless.web.ServerlessAutoConfiguration";

    private final ConfigurableApplicationContext application;

    private ScheduledFunction(ConfigurableApplicationContext application) {
        this.application = application;
    }

    /**
     * Starts the application without a web server.
     *
     * @param properties {@code name=value} defaults of this function only, e.g. turning off the
     *     in-process schedule that this function replaces
     */
    public static ScheduledFunction start(Class<?> application, String... properties) {
        String[] defaults = new String[properties.length + 1];
        defaults[0] = NO_SERVLET_CONTAINER;
        System.arraycopy(properties, 0, defaults, 1, properties.length);
        return new ScheduledFunction(new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(defaults)
                .run());
    }

    /** Runs one invocation's job with the invocation's ids in every log line (see {@link InvocationIds}). */
    public Map<String, Object> run(Context context, Function<ApplicationContext, Map<String, Object>> job) {
        return InvocationIds.during(context, () -> job.apply(application));
    }
}
