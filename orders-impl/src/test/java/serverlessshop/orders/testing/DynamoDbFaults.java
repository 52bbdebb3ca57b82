package serverlessshop.orders.testing;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Fails the next request of the service's DynamoDB client that a test names, as a network failure
 * would (before the SDK's retries, so it fails once and for all).
 */
public class DynamoDbFaults implements ExecutionInterceptor {

    private final AtomicReference<Predicate<SdkRequest>> next = new AtomicReference<>();

    /**
     * The write of the placed order (with its key's record and the customer's open units, in one
     * transaction): the only put that carries a status.
     */
    public static Predicate<SdkRequest> placedOrderWrite() {
        return request -> request instanceof TransactWriteItemsRequest transaction
                && transaction.transactItems().stream()
                        .anyMatch(write ->
                                write.put() != null && write.put().item().containsKey("order_status"));
    }

    public void failNext(Predicate<SdkRequest> matches) {
        next.set(matches);
    }

    public void reset() {
        next.set(null);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Predicate<SdkRequest> matches = next.get();
        if (matches != null && matches.test(context.request()) && next.compareAndSet(matches, null)) {
            throw SdkClientException.create("Injected by the test: the connection to DynamoDB was reset");
        }
    }
}
