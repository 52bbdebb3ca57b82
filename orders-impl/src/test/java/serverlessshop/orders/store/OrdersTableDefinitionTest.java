package serverlessshop.orders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import serverlessshop.orders.api.model.OrderStatus;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The table definition file, the one place the table is defined, and the service's static schema agree. */
class OrdersTableDefinitionTest {

    private final CreateTableRequest table = OrdersTableDefinition.createTableRequest("orders");
    private final TableMetadata schema = OrderTableSchema.SCHEMA.tableMetadata();

    @Test
    void theFileDefinesTheTableOfTheRequirements() {
        assertThat(table.tableName()).isEqualTo("orders");
        assertThat(table.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(keys(table.keySchema())).containsExactly("order_id HASH", "customer_id RANGE");
        assertThat(table.attributeDefinitions())
                .extracting(d -> d.attributeName() + " " + d.attributeTypeAsString())
                .containsExactlyInAnyOrder(
                        "order_id S", "customer_id S", "order_date S", "pending_job S", "pending_since S");
        assertThat(table.globalSecondaryIndexes()).hasSize(2);
        GlobalSecondaryIndex index = table.globalSecondaryIndexes().getFirst();
        assertThat(index.indexName()).isEqualTo("customer_id-order_date-index");
        assertThat(keys(index.keySchema())).containsExactly("customer_id HASH", "order_date RANGE");
        assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
    }

    @Test
    void theTableStreamsEachChangeWithTheItemBeforeAndAfterIt() {
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    }

    @Test
    void theJobsIndexIsSparseAndKeysOnly() {
        GlobalSecondaryIndex index = table.globalSecondaryIndexes().get(1);
        assertThat(index.indexName()).isEqualTo(PendingJob.INDEX);
        assertThat(keys(index.keySchema()))
                .containsExactly(OrderTableSchema.PENDING_JOB + " HASH", OrderTableSchema.PENDING_SINCE + " RANGE");
        assertThat(index.projection().projectionTypeAsString()).isEqualTo("KEYS_ONLY");
        // Sparse: a placed order carries the marker only when a store write adds it, never from the schema.
        assertThat(OrderTableSchema.SCHEMA.attributeNames())
                .doesNotContain(OrderTableSchema.PENDING_JOB, OrderTableSchema.PENDING_SINCE);
    }

    @Test
    void theStaticSchemaUsesTheFilesKeysAndIndex() {
        assertThat(schema.primaryPartitionKey()).isEqualTo("order_id");
        assertThat(schema.primarySortKey()).contains("customer_id");
        GlobalSecondaryIndex index = table.globalSecondaryIndexes().getFirst();
        assertThat(OrderTableSchema.CUSTOMER_INDEX).isEqualTo(index.indexName());
        assertThat(schema.indexPartitionKey(index.indexName())).isEqualTo("customer_id");
        assertThat(schema.indexSortKey(index.indexName())).isEqualTo(Optional.of("order_date"));
    }

    @Test
    void aPlacedOrderRoundTripsWithExactMoneyAndSortableDates() {
        StoredOrder order = StoredOrder.builder()
                .orderId("0192f1a5-0b7e-7c41-8a3d-2f6e9b0c1d24")
                .customerId("c-1")
                .orderDate(Instant.parse("2026-09-21T10:30:00Z"))
                .orderStatus(OrderStatus.PENDING)
                .totalAmount(new BigDecimal("149.97"))
                .shippingAddress(new StoredAddress("1 Way", "Town", "12345", "US"))
                .items(List.of(new StoredLine(
                        "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60", "Desk lamp", 3, new BigDecimal("49.99"))))
                .version(1L)
                .requestHash("ab")
                .idempotencyKey("k")
                .reservationId("r")
                .updatedAt(Instant.parse("2026-09-21T10:30:00.120Z"))
                .build();

        Map<String, AttributeValue> item = OrderTableSchema.SCHEMA.itemToMap(order, true);

        assertThat(item.get("order_date").s()).isEqualTo("2026-09-21T10:30:00.000Z");
        assertThat(item.get("updated_at").s()).isEqualTo("2026-09-21T10:30:00.120Z");
        assertThat(item.get("total_amount").n()).isEqualTo("149.97");
        assertThat(item.get("items").l().getFirst().m().get("price_per_unit").n())
                .isEqualTo("49.99");
        assertThat(item.get("shipping_address").m()).containsKeys("street", "city", "zip_code", "country");
        assertThat(item).doesNotContainKeys("saga_state", "claim_token", "claimed_at", "stock_release_pending");
        assertThat(OrderTableSchema.SCHEMA.mapToItem(item)).isEqualTo(order);
    }

    @Test
    void fixedMillisecondsMakeTextOrderTimeOrder() {
        List<Instant> times = List.of(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00.100Z"),
                Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(times.stream().map(OrderTableSchema.UTC_MILLIS::format).toList())
                .isSorted();
    }

    private static List<String> keys(List<KeySchemaElement> elements) {
        return elements.stream()
                .map(e -> e.attributeName() + " " + e.keyTypeAsString())
                .toList();
    }
}
