package serverlessshop.orders.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import serverlessshop.orders.api.model.OrderStatus;

/**
 * One order in the orders table, written once placed; the claim of its Idempotency-Key while it is
 * being placed is an item of its own ({@link IdempotencyRecord}). A placed order has no
 * {@code sagaState}. Orders placed before the keys had records of their own were claimed in this
 * item ({@code sagaState} {@link #PLACING}, {@code claimedAt}, {@code claimToken}, no
 * {@code orderDate}); such a leftover claim is never shown: it is not an order, and without an order
 * date it is not in the customer index either.
 *
 * @param reservationId       the products reservation holding this order's stock
 * @param stockReleasePending set on a cancelled order until products has confirmed the release
 */
public record StoredOrder(
        String orderId,
        String customerId,
        Instant orderDate,
        OrderStatus orderStatus,
        BigDecimal totalAmount,
        StoredAddress shippingAddress,
        List<StoredLine> items,
        Long version,
        String requestHash,
        String idempotencyKey,
        String reservationId,
        Instant updatedAt,
        String sagaState,
        Instant claimedAt,
        String claimToken,
        Boolean stockReleasePending) {

    public static final String PLACING = "PLACING";

    public StoredOrder {
        items = items == null ? null : List.copyOf(items);
    }

    public boolean isPlaced() {
        return sagaState == null;
    }

    public boolean isStockReleasePending() {
        return Boolean.TRUE.equals(stockReleasePending);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .orderId(orderId)
                .customerId(customerId)
                .orderDate(orderDate)
                .orderStatus(orderStatus)
                .totalAmount(totalAmount)
                .shippingAddress(shippingAddress)
                .items(items)
                .version(version)
                .requestHash(requestHash)
                .idempotencyKey(idempotencyKey)
                .reservationId(reservationId)
                .updatedAt(updatedAt)
                .sagaState(sagaState)
                .claimedAt(claimedAt)
                .claimToken(claimToken)
                .stockReleasePending(stockReleasePending);
    }

    /** The builder the static table schema fills when it reads an item (no reflection). */
    public static final class Builder {
        private String orderId;
        private String customerId;
        private Instant orderDate;
        private OrderStatus orderStatus;
        private BigDecimal totalAmount;
        private StoredAddress shippingAddress;
        private List<StoredLine> items;
        private Long version;
        private String requestHash;
        private String idempotencyKey;
        private String reservationId;
        private Instant updatedAt;
        private String sagaState;
        private Instant claimedAt;
        private String claimToken;
        private Boolean stockReleasePending;

        private Builder() {}

        public Builder orderId(String value) {
            orderId = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder orderDate(Instant value) {
            orderDate = value;
            return this;
        }

        public Builder orderStatus(OrderStatus value) {
            orderStatus = value;
            return this;
        }

        public Builder totalAmount(BigDecimal value) {
            totalAmount = value;
            return this;
        }

        public Builder shippingAddress(StoredAddress value) {
            shippingAddress = value;
            return this;
        }

        public Builder items(List<StoredLine> value) {
            items = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Builder requestHash(String value) {
            requestHash = value;
            return this;
        }

        public Builder idempotencyKey(String value) {
            idempotencyKey = value;
            return this;
        }

        public Builder reservationId(String value) {
            reservationId = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder sagaState(String value) {
            sagaState = value;
            return this;
        }

        public Builder claimedAt(Instant value) {
            claimedAt = value;
            return this;
        }

        public Builder claimToken(String value) {
            claimToken = value;
            return this;
        }

        public Builder stockReleasePending(Boolean value) {
            stockReleasePending = value;
            return this;
        }

        public StoredOrder build() {
            return new StoredOrder(
                    orderId,
                    customerId,
                    orderDate,
                    orderStatus,
                    totalAmount,
                    shippingAddress,
                    items,
                    version,
                    requestHash,
                    idempotencyKey,
                    reservationId,
                    updatedAt,
                    sagaState,
                    claimedAt,
                    claimToken,
                    stockReleasePending);
        }
    }
}
