package serverlessshop.orders.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.store.StoredAddress;
import serverlessshop.orders.store.StoredLine;
import serverlessshop.orders.store.StoredOrder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** Orders and order requests for tests. */
public final class TestOrders {

    public static final String ADDRESS = "{\"street\":\"123 Serverless Way\",\"city\":\"Cloud City\","
            + "\"zip_code\":\"12345\",\"country\":\"US\"}";

    private TestOrders() {}

    /** A product id and a quantity. */
    public record Line(UUID productId, int quantity) {}

    public static Line line(UUID productId, int quantity) {
        return new Line(productId, quantity);
    }

    /** The body of POST /orders for these lines. */
    public static String orderJson(Line... lines) {
        return "{\"items\":["
                + List.of(lines).stream()
                        .map(line ->
                                "{\"product_id\":\"" + line.productId() + "\",\"quantity\":" + line.quantity() + "}")
                        .collect(Collectors.joining(","))
                + "],\"shipping_address\":" + ADDRESS + "}";
    }

    /** A customer id no other test uses. */
    public static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    /** A placed order as the saga writes it, for tests that read or move orders without placing them. */
    public static StoredOrder placed(String customerId, OrderStatus status, Instant orderDate) {
        Instant date = orderDate.truncatedTo(ChronoUnit.MILLIS);
        return StoredOrder.builder()
                .orderId(UUID.randomUUID().toString())
                .customerId(customerId)
                .orderDate(date)
                .orderStatus(status)
                .totalAmount(new BigDecimal("49.80"))
                .shippingAddress(new StoredAddress("123 Serverless Way", "Cloud City", "12345", "US"))
                .items(List.of(new StoredLine(UUID.randomUUID().toString(), "Notebook", 2, new BigDecimal("24.90"))))
                .version(1L)
                .requestHash("0".repeat(64))
                .idempotencyKey(UUID.randomUUID().toString())
                .reservationId(UUID.randomUUID().toString())
                .updatedAt(date)
                .build();
    }

    /** Writes a placed order straight into the table, behind the service's back. */
    public static StoredOrder seed(
            DynamoDbTable<StoredOrder> table, String customerId, OrderStatus status, Instant orderDate) {
        StoredOrder order = placed(customerId, status, orderDate);
        table.putItem(order);
        return order;
    }
}
