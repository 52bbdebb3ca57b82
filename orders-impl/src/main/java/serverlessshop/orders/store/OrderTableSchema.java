package serverlessshop.orders.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.orders.api.model.OrderStatus;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.EnumAttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders table's items as {@link StoredOrder}: a static schema, built once, so that no bean
 * introspection runs at cold start. The attribute names are the table's (snake_case, like the API);
 * the key and index names must agree with {@code dynamodb/orders-table.json}, which a test checks.
 */
public final class OrderTableSchema {

    public static final String CUSTOMER_INDEX = "customer_id-order_date-index";

    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String ORDER_DATE = "order_date";
    public static final String ORDER_STATUS = "order_status";
    public static final String TOTAL_AMOUNT = "total_amount";
    public static final String SHIPPING_ADDRESS = "shipping_address";
    public static final String ITEMS = "items";
    public static final String VERSION = "version";
    public static final String REQUEST_HASH = "request_hash";
    public static final String IDEMPOTENCY_KEY = "idempotency_key";
    public static final String RESERVATION_ID = "reservation_id";
    public static final String UPDATED_AT = "updated_at";
    public static final String SAGA_STATE = "saga_state";
    public static final String CLAIMED_AT = "claimed_at";
    public static final String CLAIM_TOKEN = "claim_token";
    public static final String STOCK_RELEASE_PENDING = "stock_release_pending";
    /** The scheduled jobs' marker ({@link PendingJob}); not mapped to {@link StoredOrder}: only the store writes it. */
    public static final String PENDING_JOB = "pending_job";

    public static final String PENDING_SINCE = "pending_since";

    /** Timestamps as ISO-8601 UTC text with exactly three fraction digits, so that text order is time order. */
    public static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static final TableSchema<StoredOrder> SCHEMA = build();

    private OrderTableSchema() {}

    public static AttributeValue timestamp(Instant instant) {
        return AttributeValue.fromS(UTC_MILLIS.format(instant));
    }

    private static TableSchema<StoredOrder> build() {
        AttributeConverter<Instant> utcMillis = new UtcMillisConverter();
        return StaticImmutableTableSchema.builder(StoredOrder.class, StoredOrder.Builder.class)
                .newItemBuilder(StoredOrder::builder, StoredOrder.Builder::build)
                .addAttribute(
                        String.class,
                        a -> a.name(ORDER_ID)
                                .getter(StoredOrder::orderId)
                                .setter(StoredOrder.Builder::orderId)
                                .tags(primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(CUSTOMER_ID)
                                .getter(StoredOrder::customerId)
                                .setter(StoredOrder.Builder::customerId)
                                .tags(primarySortKey(), secondaryPartitionKey(CUSTOMER_INDEX)))
                .addAttribute(
                        Instant.class,
                        a -> a.name(ORDER_DATE)
                                .getter(StoredOrder::orderDate)
                                .setter(StoredOrder.Builder::orderDate)
                                .attributeConverter(utcMillis)
                                .tags(secondarySortKey(CUSTOMER_INDEX)))
                .addAttribute(
                        OrderStatus.class,
                        a -> a.name(ORDER_STATUS)
                                .getter(StoredOrder::orderStatus)
                                .setter(StoredOrder.Builder::orderStatus)
                                .attributeConverter(EnumAttributeConverter.create(OrderStatus.class)))
                .addAttribute(
                        BigDecimal.class,
                        a -> a.name(TOTAL_AMOUNT)
                                .getter(StoredOrder::totalAmount)
                                .setter(StoredOrder.Builder::totalAmount))
                .addAttribute(
                        StoredAddress.class,
                        a -> a.name(SHIPPING_ADDRESS)
                                .getter(StoredOrder::shippingAddress)
                                .setter(StoredOrder.Builder::shippingAddress)
                                .attributeConverter(new AddressConverter()))
                .addAttribute(
                        EnhancedType.listOf(StoredLine.class),
                        a -> a.name(ITEMS)
                                .getter(StoredOrder::items)
                                .setter(StoredOrder.Builder::items)
                                .attributeConverter(new LinesConverter()))
                .addAttribute(
                        Long.class,
                        a -> a.name(VERSION).getter(StoredOrder::version).setter(StoredOrder.Builder::version))
                .addAttribute(
                        String.class,
                        a -> a.name(REQUEST_HASH)
                                .getter(StoredOrder::requestHash)
                                .setter(StoredOrder.Builder::requestHash))
                .addAttribute(
                        String.class,
                        a -> a.name(IDEMPOTENCY_KEY)
                                .getter(StoredOrder::idempotencyKey)
                                .setter(StoredOrder.Builder::idempotencyKey))
                .addAttribute(
                        String.class,
                        a -> a.name(RESERVATION_ID)
                                .getter(StoredOrder::reservationId)
                                .setter(StoredOrder.Builder::reservationId))
                .addAttribute(
                        Instant.class,
                        a -> a.name(UPDATED_AT)
                                .getter(StoredOrder::updatedAt)
                                .setter(StoredOrder.Builder::updatedAt)
                                .attributeConverter(utcMillis))
                .addAttribute(
                        String.class,
                        a -> a.name(SAGA_STATE).getter(StoredOrder::sagaState).setter(StoredOrder.Builder::sagaState))
                .addAttribute(
                        Instant.class,
                        a -> a.name(CLAIMED_AT)
                                .getter(StoredOrder::claimedAt)
                                .setter(StoredOrder.Builder::claimedAt)
                                .attributeConverter(utcMillis))
                .addAttribute(
                        String.class,
                        a -> a.name(CLAIM_TOKEN)
                                .getter(StoredOrder::claimToken)
                                .setter(StoredOrder.Builder::claimToken))
                .addAttribute(
                        Boolean.class,
                        a -> a.name(STOCK_RELEASE_PENDING)
                                .getter(StoredOrder::stockReleasePending)
                                .setter(StoredOrder.Builder::stockReleasePending))
                .build();
    }

    private static final class UtcMillisConverter implements AttributeConverter<Instant> {

        @Override
        public AttributeValue transformFrom(Instant input) {
            return timestamp(input);
        }

        @Override
        public Instant transformTo(AttributeValue input) {
            return Instant.parse(input.s());
        }

        @Override
        public EnhancedType<Instant> type() {
            return EnhancedType.of(Instant.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.S;
        }
    }

    /** The address as a map of its fields, named as in the API. */
    private static final class AddressConverter implements AttributeConverter<StoredAddress> {

        @Override
        public AttributeValue transformFrom(StoredAddress address) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            map.put("street", AttributeValue.fromS(address.street()));
            map.put("city", AttributeValue.fromS(address.city()));
            map.put("zip_code", AttributeValue.fromS(address.zipCode()));
            map.put("country", AttributeValue.fromS(address.country()));
            return AttributeValue.fromM(map);
        }

        @Override
        public StoredAddress transformTo(AttributeValue input) {
            Map<String, AttributeValue> map = input.m();
            return new StoredAddress(
                    map.get("street").s(),
                    map.get("city").s(),
                    map.get("zip_code").s(),
                    map.get("country").s());
        }

        @Override
        public EnhancedType<StoredAddress> type() {
            return EnhancedType.of(StoredAddress.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }

    /** The lines as a list of maps; prices are DynamoDB numbers, which keep every decimal exactly. */
    private static final class LinesConverter implements AttributeConverter<List<StoredLine>> {

        @Override
        public AttributeValue transformFrom(List<StoredLine> lines) {
            return AttributeValue.fromL(lines.stream()
                    .map(line -> {
                        Map<String, AttributeValue> map = new LinkedHashMap<>();
                        map.put("product_id", AttributeValue.fromS(line.productId()));
                        map.put("product_name", AttributeValue.fromS(line.productName()));
                        map.put("quantity", AttributeValue.fromN(Integer.toString(line.quantity())));
                        map.put(
                                "price_per_unit",
                                AttributeValue.fromN(line.pricePerUnit().toPlainString()));
                        return AttributeValue.fromM(map);
                    })
                    .toList());
        }

        @Override
        public List<StoredLine> transformTo(AttributeValue input) {
            return input.l().stream()
                    .map(AttributeValue::m)
                    .map(map -> new StoredLine(
                            map.get("product_id").s(),
                            map.get("product_name").s(),
                            Integer.parseInt(map.get("quantity").n()),
                            new BigDecimal(map.get("price_per_unit").n())))
                    .toList();
        }

        @Override
        public EnhancedType<List<StoredLine>> type() {
            return EnhancedType.listOf(StoredLine.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.L;
        }
    }
}
