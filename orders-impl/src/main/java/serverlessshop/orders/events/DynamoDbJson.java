package serverlessshop.orders.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of a DynamoDB Streams record as Lambda delivers them (DynamoDB JSON, {@code {"S": "..."}},
 * parsed into maps and lists) as the SDK's attribute values, which the table schema reads.
 */
final class DynamoDbJson {

    private DynamoDbJson() {}

    static Map<String, AttributeValue> item(Map<String, Object> json) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        json.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    @SuppressWarnings("unchecked")
    static AttributeValue value(Object json) {
        Map<String, Object> typed = (Map<String, Object>) json;
        if (typed.size() != 1) {
            throw new IllegalArgumentException("not a DynamoDB JSON value: " + typed.keySet());
        }
        Map.Entry<String, Object> only = typed.entrySet().iterator().next();
        Object value = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS((String) value);
            case "N" -> AttributeValue.fromN(String.valueOf(value));
            case "BOOL" -> AttributeValue.fromBool(Boolean.valueOf(String.valueOf(value)));
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(item((Map<String, Object>) value));
            case "L" ->
                AttributeValue.fromL(
                        ((List<Object>) value).stream().map(DynamoDbJson::value).toList());
            case "SS" -> AttributeValue.fromSs((List<String>) value);
            case "NS" ->
                AttributeValue.fromNs(
                        ((List<Object>) value).stream().map(String::valueOf).toList());
            case "B" ->
                AttributeValue.fromB(
                        SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode((String) value)));
            default -> throw new IllegalArgumentException("unknown DynamoDB JSON type " + only.getKey());
        };
    }
}
