package serverlessshop.support.lambda;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The invocation context Lambda passes to a handler, as a function of this name would get it: for
 * handing events to a handler outside Lambda (an AOT training run, tests), one request id each.
 *
 * @param clientCustom the client context's {@code custom} values of a direct invocation, or null for
 *                     an invocation without client context (API Gateway's)
 */
public record InvocationContext(String awsRequestId, String functionName, Map<String, String> clientCustom)
        implements Context {

    public InvocationContext(String awsRequestId, String functionName) {
        this(awsRequestId, functionName, null);
    }

    public static InvocationContext of(String functionName) {
        return new InvocationContext(UUID.randomUUID().toString(), functionName);
    }

    /** A direct invocation by {@code caller} (Lambda Invoke with the client context {@link DirectInvocation} reads). */
    public static InvocationContext direct(String functionName, String caller) {
        return new InvocationContext(
                UUID.randomUUID().toString(), functionName, Map.of(DirectInvocation.CALLER, caller));
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2025/09/21/[$LATEST]0123456789abcdef0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        if (clientCustom == null) {
            return null;
        }
        return new ClientContext() {
            @Override
            public Client getClient() {
                return null;
            }

            @Override
            public Map<String, String> getCustom() {
                return clientCustom;
            }

            @Override
            public Map<String, String> getEnvironment() {
                return Map.of();
            }
        };
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 29_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
