package serverlessshop.orders.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.UUID;
import serverlessshop.orders.api.model.Address;
import serverlessshop.orders.api.model.Order;
import serverlessshop.orders.api.model.OrderItem;
import serverlessshop.orders.api.model.OrderPage;

/**
 * Placed orders as the contract's models. Money leaves with two decimals: DynamoDB keeps numbers
 * exactly but not their trailing zeros (39.90 comes back as 39.9).
 */
public final class OrderMapper {

    private OrderMapper() {}

    public static Order toApi(StoredOrder order) {
        StoredAddress address = order.shippingAddress();
        return new Order()
                .orderId(UUID.fromString(order.orderId()))
                .customerId(order.customerId())
                .orderDate(order.orderDate().atOffset(ZoneOffset.UTC))
                .orderStatus(order.orderStatus())
                .totalAmount(money(order.totalAmount()))
                .shippingAddress(new Address()
                        .street(address.street())
                        .city(address.city())
                        .zipCode(address.zipCode())
                        .country(address.country()))
                .items(order.items().stream()
                        .map(line -> new OrderItem()
                                .productId(UUID.fromString(line.productId()))
                                .productName(line.productName())
                                .quantity(line.quantity())
                                .pricePerUnit(money(line.pricePerUnit())))
                        .toList())
                .updatedAt(order.updatedAt().atOffset(ZoneOffset.UTC));
    }

    public static OrderPage toApi(java.util.List<StoredOrder> orders, String nextCursor) {
        return new OrderPage()
                .items(orders.stream().map(OrderMapper::toApi).toList())
                .nextCursor(nextCursor);
    }

    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
