package serverlessshop.localcloud.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function for the runtime tests, run by the real Runtime Interface Client: the event says what
 * to do ("echo", "fail", "exit", "nap" for a second, "sleep" for a minute); the answer shows what the function saw.
 */
public class EchoHandler implements RequestStreamHandler {

    static {
        // A slow cold start when asked (ECHO_INIT_MILLIS), like a Spring application starting.
        String initMillis = System.getenv("ECHO_INIT_MILLIS");
        if (initMillis != null) {
            try {
                Thread.sleep(Long.parseLong(initMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"fail\"")) {
            throw new IllegalStateException("asked to fail");
        }
        if (event.contains("\"exit\"")) {
            System.exit(3);
        }
        if (event.contains("\"nap\"")) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (event.contains("\"sleep\"")) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String answer = "{\"event\":" + event
                + ",\"function\":\"" + System.getenv("AWS_LAMBDA_FUNCTION_NAME") + "\""
                + ",\"requestId\":\"" + context.getAwsRequestId() + "\""
                + ",\"arn\":\"" + context.getInvokedFunctionArn() + "\""
                + ",\"remainingMillis\":" + context.getRemainingTimeInMillis()
                + ",\"workingDirectory\":\"" + System.getProperty("user.dir") + "\""
                + ",\"javaToolOptions\":\"" + System.getenv("JAVA_TOOL_OPTIONS") + "\""
                + ",\"runtimeJni\":\"" + System.getProperty(RuntimeJni.PROPERTY) + "\""
                + ",\"traceHeader\":\"" + context.getXrayTraceId() + "\""
                + ",\"traceProperty\":\"" + System.getProperty("com.amazonaws.xray.traceHeader") + "\""
                + ",\"caller\":"
                + (context.getClientContext() == null
                        ? "null"
                        : "\"" + context.getClientContext().getCustom().get("caller") + "\"")
                + ",\"pid\":" + ProcessHandle.current().pid() + "}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
