package serverlessshop.orders.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The orders table's DynamoDB Stream in DynamoDB Local, read with the Streams API, and its records
 * as Lambda's event source mapping delivers them to a function: DynamoDB JSON, serialized and
 * parsed again as the runtime does.
 */
public final class TableStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TableStream() {}

    /** Every record of the stream so far that {@code wanted} keeps, in the stream's order. */
    public static List<Record> records(Predicate<Record> wanted) {
        DynamoDbLocal.awaitReady();
        try (DynamoDbClient dynamoDb = DynamoDbLocal.client();
                DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                        .endpointOverride(URI.create(DynamoDbLocal.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            String arn = dynamoDb.describeTable(request -> request.tableName(DynamoDbLocal.TABLE))
                    .table()
                    .latestStreamArn();
            List<Record> records = new ArrayList<>();
            for (Shard shard : streams.describeStream(request -> request.streamArn(arn))
                    .streamDescription()
                    .shards()) {
                String iterator = streams.getShardIterator(request -> request.streamArn(arn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(request -> request.shardIterator(current));
                    page.records().stream().filter(wanted).forEach(records::add);
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            records.sort(Comparator.comparing(
                    record -> new BigInteger(record.dynamodb().sequenceNumber())));
            return records;
        }
    }

    /** The records of one customer's items (orders, keys' records, counters: every item has its customer). */
    public static List<Record> recordsOf(String customerId) {
        return records(record ->
                customerId.equals(record.dynamodb().keys().get("customer_id").s()));
    }

    /** A Lambda event of these records, as the function's runtime hands it over. */
    public static Map<String, Object> lambdaEvent(List<Record> records) {
        Map<String, Object> event = Map.of(
                "Records", records.stream().map(TableStream::lambdaRecord).toList());
        try {
            return JSON.readValue(JSON.writeValueAsString(event), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> lambdaRecord(Record record) {
        StreamRecord change = record.dynamodb();
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        dynamodb.put(
                "ApproximateCreationDateTime",
                change.approximateCreationDateTime().getEpochSecond());
        dynamodb.put("Keys", item(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", item(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.put("OldImage", item(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        Map<String, Object> lambda = new LinkedHashMap<>();
        lambda.put("eventID", record.eventID());
        lambda.put("eventName", record.eventNameAsString());
        lambda.put("eventVersion", "1.1");
        lambda.put("eventSource", "aws:dynamodb");
        lambda.put("awsRegion", "us-east-1");
        lambda.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/local");
        lambda.put("dynamodb", dynamodb);
        return lambda;
    }

    private static Map<String, Object> item(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value(value)));
        return json;
    }

    private static Map<String, Object> value(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case M -> Map.of("M", item(value.m()));
            case L -> Map.of("L", value.l().stream().map(TableStream::value).toList());
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case B -> Map.of("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            default -> throw new IllegalArgumentException("unexpected attribute type " + value.type());
        };
    }

    /** The record's new image's string attribute, or null. */
    public static String newString(Record record, String attribute) {
        AttributeValue value =
                record.dynamodb().hasNewImage() ? record.dynamodb().newImage().get(attribute) : null;
        return value == null ? null : value.s();
    }

    /** The record's old image's string attribute, or null. */
    public static String oldString(Record record, String attribute) {
        AttributeValue value =
                record.dynamodb().hasOldImage() ? record.dynamodb().oldImage().get(attribute) : null;
        return value == null ? null : value.s();
    }
}
