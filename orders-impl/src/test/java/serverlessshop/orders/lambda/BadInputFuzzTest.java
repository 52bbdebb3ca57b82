package serverlessshop.orders.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import serverlessshop.orders.store.OrderCreationCounters;
import serverlessshop.orders.testing.DynamoDbLocal;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.fuzz.FuzzCase;
import serverlessshop.support.testing.fuzz.FuzzSettings;
import serverlessshop.support.testing.fuzz.FuzzVerdicts;
import serverlessshop.support.testing.fuzz.InvalidRequests;
import serverlessshop.support.testing.fuzz.InvalidRequests.Target;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Bad input for every operation of orders.yaml, generated from the contract (see
 * {@link InvalidRequests}), fed to the real orders handler with customer A's token, on an order of
 * A's and a product that exists, so that the cases reach past security to the input handling and
 * the saga. No 5xx, every refusal a declared problem+json naming what is wrong, and a refused
 * request writes nothing: no order item in DynamoDB, no change to A's order, no unit of stock
 * reserved in the products service.
 */
class BadInputFuzzTest {

    static final int CASES_PER_OPERATION = FuzzSettings.cases(120);
    static final String EXAMPLE_ID = "0192f1a5-0b7e-7c41-8a3d-2f6e9b0c1d24";

    @Test
    void badInputIsRefusedCleanlyAndWritesNothing() {
        OrdersFunction.handler();
        ContractValidator contract = ContractValidator.forContract("orders");
        InvalidRequests generator = InvalidRequests.forContract("orders");
        long seed = FuzzSettings.seed();
        FuzzVerdicts verdicts = new FuzzVerdicts("orders handler fuzz", contract, seed);
        UUID product = ProductsService.createProduct("Fuzz lamp", "9.99", 1_000_000);
        String customer = TestCaller.CUSTOMER.subject();
        HttpApiResponse placed = OrdersFunction.invoke(TestCaller.CUSTOMER.event(OrdersFunction.placing(product)));
        assertThat(placed.statusCode()).as(placed.toString()).isEqualTo(201);
        String order = placed.bodyJson().path("order_id").asText();

        try (DynamoDbClient dynamoDb = DynamoDbLocal.client()) {
            String before = fingerprint(dynamoDb, product);
            for (Target target : generator.operations()) {
                String examplePath = target.pathTemplate().replaceAll("\\{[^}]+}", EXAMPLE_ID);
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    FuzzCase fuzzCase = generator.generate(
                            target,
                            seed + i,
                            request -> request.withPath("order_id", order)
                                    .withPath("customer_id", customer)
                                    .withBodyValue("/items/0/product_id", TextNode.valueOf(product.toString()))
                                    .withBodyValue(
                                            "/items/1/product_id",
                                            TextNode.valueOf(UUID.randomUUID().toString()))
                                    .withHeader(
                                            "Idempotency-Key", UUID.randomUUID().toString()));
                    HttpApiResponse response = OrdersFunction.invoke(TestCaller.CUSTOMER.event(fuzzCase.toEvent(null)));
                    verdicts.judge(fuzzCase, examplePath, response);
                    // Each case's "before" is the previous case's "after": one look at the stores per case.
                    String after = fingerprint(dynamoDb, product);
                    if (response.statusCode() >= 400 && !after.equals(before)) {
                        verdicts.fail(
                                fuzzCase,
                                "a refused request (" + response.statusCode() + ") wrote something: " + before + " -> "
                                        + after);
                    }
                    before = after;
                }
            }
        }
        verdicts.assertNoFailures();
    }

    /**
     * The order items in the table, their versions, and the product's stock (reservations take it).
     * Not the customers' rate counters: an attempt that passes validation counts against the rate
     * even when the saga then refuses it (an unknown product: 422), as a rate limit must count tries.
     */
    private static String fingerprint(DynamoDbClient dynamoDb, UUID product) {
        var scan = dynamoDb.scan(request -> request.tableName(DynamoDbLocal.TABLE)
                .consistentRead(true)
                .projectionExpression("order_id, version, order_status"));
        var orders = scan.items().stream()
                .filter(item -> !item.get("order_id").s().startsWith(OrderCreationCounters.KEY_PREFIX))
                .toList();
        long versions = orders.stream()
                .mapToLong(item -> item.containsKey("version")
                        ? Long.parseLong(item.get("version").n())
                        : 0)
                .sum();
        long cancelled = orders.stream()
                .filter(item -> item.containsKey("order_status")
                        && "CANCELLED".equals(item.get("order_status").s()))
                .count();
        return orders.size() + " items, versions " + versions + ", cancelled " + cancelled + ", stock "
                + ProductsService.stockOf(product) + (scan.hasLastEvaluatedKey() ? " (more)" : "");
    }
}
