package serverlessshop.support.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.logging.TraceHeader;

/**
 * A Spring Boot application as a Lambda function for API Gateway HTTP API events (payload format
 * 2.0): the whole application (security, validation, controllers, problem+json) answers each event.
 * A service's handler class starts it in its static initializer, so Lambda runs the start in the
 * init phase of a cold start and every later invocation of the instance reuses it.
 *
 * <p>Every log line of an invocation carries the Lambda request id, the correlation id (the
 * caller's {@code X-Correlation-Id} if well formed, else API Gateway's request id) and, when X-Ray
 * records the invocation, its trace id, put in the MDC before the application sees the event and
 * removed after it has answered.
 */
public final class HttpApiFunction {

    /** The container's own reader and writer of events, as its proxyStream reads and writes them. */
    private static final ObjectReader EVENTS =
            LambdaContainerHandler.getObjectMapper().readerFor(HttpApiV2ProxyRequest.class);

    private static final ObjectWriter RESPONSES =
            LambdaContainerHandler.getObjectMapper().writerFor(AwsProxyResponse.class);

    private final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> handler;

    private HttpApiFunction(SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> handler) {
        this.handler = handler;
    }

    public static HttpApiFunction start(Class<?> application) {
        // The container decodes a response body it holds as bytes with this charset unless the body's
        // type is exactly application/json: application/problem+json came out as ISO-8859-1, turning
        // every non-ASCII character of a problem into mojibake. JSON is UTF-8 (RFC 8259).
        LambdaContainerHandler.getContainerConfig().setDefaultContentCharset(StandardCharsets.UTF_8.name());
        // The container's INFO lines: one in plain text before Spring Boot configures logging (JSON
        // lines), then an access-log line per request repeating RequestLogFilter's, with the client's IP
        // address. Its warnings stay; each service's logging.level keeps it so once Spring has started.
        if (LoggerFactory.getLogger(LambdaContainerHandler.class) instanceof ch.qos.logback.classic.Logger container) {
            container.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try {
            var handler = SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(application);
            // The container formats that access-log line (and strips it of line breaks with a regular
            // expression) before asking whether INFO is on: at WARN, the level Spring has now applied, the
            // line was made for nothing on every request. Without a formatter it makes none.
            if (!LoggerFactory.getLogger(LambdaContainerHandler.class).isInfoEnabled()) {
                handler.setLogFormatter(null);
            }
            return new HttpApiFunction(handler);
        } catch (ContainerInitializationException e) {
            // Fails the init phase: Lambda reports it and retries the cold start on the next request.
            throw new IllegalStateException(application.getSimpleName() + " could not start", e);
        }
    }

    public void handle(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        // The event is read once, into the container's own request type, and the correlation id taken from
        // it: reading it a second time, into a tree for two fields, cost as much as the read itself.
        HttpApiV2ProxyRequest request;
        try {
            request = EVENTS.readValue(event);
        } catch (IOException e) {
            // Not an HTTP API event: the container answers it as it answers any malformed event.
            handler.proxyStream(new ByteArrayInputStream(event), output, context);
            return;
        }
        String lambdaRequestId = context == null ? null : context.getAwsRequestId();
        if (lambdaRequestId != null) {
            MDC.put(CorrelationIds.LAMBDA_REQUEST_ID, lambdaRequestId);
        }
        MDC.put(CorrelationIds.CORRELATION_ID, correlationId(request, lambdaRequestId));
        CorrelationIds.putTraceId(TraceHeader.ofInvocation(context));
        try {
            RESPONSES.writeValue(output, handler.proxy(request, context));
        } finally {
            MDC.remove(CorrelationIds.TRACE_ID);
            MDC.remove(CorrelationIds.CORRELATION_ID);
            MDC.remove(CorrelationIds.LAMBDA_REQUEST_ID);
        }
    }

    /** The caller's X-Correlation-Id if well formed, else API Gateway's request id, else Lambda's. */
    static String correlationId(HttpApiV2ProxyRequest event, String lambdaRequestId) {
        String gatewayRequestId = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getRequestId();
        return CorrelationIds.choose(
                header(event.getHeaders(), CorrelationIds.HEADER), gatewayRequestId, lambdaRequestId);
    }

    /** The same for an event as bytes (any JSON, or none). */
    static String correlationId(byte[] event, String lambdaRequestId) {
        try {
            return correlationId(EVENTS.<HttpApiV2ProxyRequest>readValue(event), lambdaRequestId);
        } catch (IOException e) {
            return CorrelationIds.choose(lambdaRequestId);
        }
    }

    /** API Gateway passes header names in lower case; other callers may not. */
    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
