package serverlessshop.orders.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * The orders table as {@code dynamodb/orders-table.json} defines it, in the shape of
 * {@code aws dynamodb create-table --cli-input-json}. That file is the one definition of the table:
 * the tests and the local cloud create the table from it, Terraform is checked against it, and the
 * service's static schema must agree with it.
 */
public final class OrdersTableDefinition {

    public static final String RESOURCE = "/dynamodb/orders-table.json";

    private static final Logger log = LoggerFactory.getLogger(OrdersTableDefinition.class);

    private OrdersTableDefinition() {}

    /** The create-table request of the file, for a table of this name (configuration may rename it). */
    public static CreateTableRequest createTableRequest(String tableName) {
        JsonNode table = read();
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(table.path("BillingMode").asText())
                .attributeDefinitions(each(
                        table.path("AttributeDefinitions"),
                        definition -> AttributeDefinition.builder()
                                .attributeName(definition.path("AttributeName").asText())
                                .attributeType(definition.path("AttributeType").asText())
                                .build()))
                .keySchema(keySchema(table.path("KeySchema")))
                .streamSpecification(streamSpecification(table.path("StreamSpecification")))
                .globalSecondaryIndexes(each(
                        table.path("GlobalSecondaryIndexes"),
                        index -> GlobalSecondaryIndex.builder()
                                .indexName(index.path("IndexName").asText())
                                .keySchema(keySchema(index.path("KeySchema")))
                                .projection(Projection.builder()
                                        .projectionType(index.path("Projection")
                                                .path("ProjectionType")
                                                .asText())
                                        .build())
                                .build()))
                .build();
    }

    /**
     * The table's time-to-live attribute (epoch seconds): the rate counters' windows and the
     * idempotency keys' records expire. Not part of create-table JSON (DynamoDB sets it with a call
     * of its own); Terraform's {@code ttl} block names the same attribute, which its test checks.
     */
    public static final String TTL_ATTRIBUTE = "expires_at";

    /**
     * Creates the table unless it exists, with its time to live (local runs and tests; in AWS,
     * Terraform creates it). DynamoDB Local records the setting but never deletes an item, which is
     * why the service treats an expired item as absent rather than waiting for it to go.
     */
    public static void createIfMissing(DynamoDbClient client, String tableName) {
        try {
            client.createTable(createTableRequest(tableName));
            client.waiter().waitUntilTableExists(request -> request.tableName(tableName));
            client.updateTimeToLive(request -> request.tableName(tableName)
                    .timeToLiveSpecification(
                            ttl -> ttl.attributeName(TTL_ATTRIBUTE).enabled(true)));
            log.info("Created the DynamoDB table {}", tableName);
        } catch (ResourceInUseException e) {
            log.debug("The DynamoDB table {} exists", tableName);
        }
    }

    /** The stream the order-events function reads: the order's images before and after each change. */
    private static StreamSpecification streamSpecification(JsonNode stream) {
        if (stream.isMissingNode()) {
            return null;
        }
        return StreamSpecification.builder()
                .streamEnabled(stream.path("StreamEnabled").asBoolean())
                .streamViewType(stream.path("StreamViewType").asText())
                .build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode elements) {
        return each(
                elements,
                element -> KeySchemaElement.builder()
                        .attributeName(element.path("AttributeName").asText())
                        .keyType(element.path("KeyType").asText())
                        .build());
    }

    private static <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> mapping) {
        List<T> result = new ArrayList<>();
        array.forEach(node -> result.add(mapping.apply(node)));
        return result;
    }

    private static JsonNode read() {
        try (InputStream in = OrdersTableDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
