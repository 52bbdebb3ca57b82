package serverlessshop.orders.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Records every request the service's DynamoDB client sends: its operation and, for reads, the index. */
public class DynamoDbCalls implements ExecutionInterceptor {

    /** One request: {@code Query}, {@code Scan}, {@code PutItem}...; the index it read, if any. */
    public record Call(String operation, String indexName) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String index = switch (context.request()) {
            case QueryRequest query -> query.indexName();
            case ScanRequest scan -> scan.indexName();
            default -> null;
        };
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), index));
    }

    public void clear() {
        calls.clear();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
