package serverlessshop.localcloud.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** DynamoDB Streams records as Lambda's event source mapping hands them to a function. */
final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecords() {}

    /** {@code {"Records":[...]}}: each record with its attribute values in DynamoDB JSON. */
    static ObjectNode event(List<Record> records, String streamArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(record(record, streamArn)));
        return event;
    }

    static ObjectNode record(Record record, String streamArn) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        json.put("eventSource", "aws:dynamodb");
        json.put("awsRegion", record.awsRegion());
        json.put("eventSourceARN", streamArn);
        StreamRecord stream = record.dynamodb();
        ObjectNode dynamodb = json.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put(
                    "ApproximateCreationDateTime",
                    stream.approximateCreationDateTime().getEpochSecond());
        }
        if (stream.hasKeys()) {
            dynamodb.set("Keys", item(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", item(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", item(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            dynamodb.put("SizeBytes", stream.sizeBytes());
        }
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        return json;
    }

    private static ObjectNode item(Map<String, AttributeValue> attributes) {
        ObjectNode item = JSON.createObjectNode();
        attributes.forEach((name, value) -> item.set(name, value(value)));
        return item;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode json = JSON.createObjectNode();
        if (value.s() != null) {
            json.put("S", value.s());
        } else if (value.n() != null) {
            json.put("N", value.n());
        } else if (value.b() != null) {
            json.put("B", base64(value.b()));
        } else if (value.bool() != null) {
            json.put("BOOL", value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            json.put("NULL", true);
        } else if (value.hasM()) {
            json.set("M", item(value.m()));
        } else if (value.hasL()) {
            ArrayNode list = json.putArray("L");
            value.l().forEach(element -> list.add(value(element)));
        } else if (value.hasSs()) {
            value.ss().forEach(json.putArray("SS")::add);
        } else if (value.hasNs()) {
            value.ns().forEach(json.putArray("NS")::add);
        } else if (value.hasBs()) {
            ArrayNode set = json.putArray("BS");
            value.bs().forEach(bytes -> set.add(base64(bytes)));
        }
        return json;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
