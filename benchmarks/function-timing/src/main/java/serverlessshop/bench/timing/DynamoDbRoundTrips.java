package serverlessshop.bench.timing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Every AWS SDK client's round trips (DynamoDB's, in the orders function) as downstream time: from
 * before the request is sent to after the response has come back. The SDK's marshalling, signing and
 * retries' waits stay in the handler's own time: they are the function's work, not DynamoDB's. The
 * SDK adds it to every client it builds, as a global interceptor
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors} in this jar).
 */
public final class DynamoDbRoundTrips implements ExecutionInterceptor {

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        InvocationTiming.downstreamStarts();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        InvocationTiming.downstreamEnded();
    }
}
