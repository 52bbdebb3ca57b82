package serverlessshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The orders table in a stack's DynamoDB Local, through DynamoDB's JSON protocol: seeded with
 * BatchWriteItem (25 orders a request, a few requests at once) in the item layout of orders-impl's
 * OrderTableSchema, and scanned back for the oversell check. A table of another name can be created
 * from the orders table's definition file (the jobs run).
 */
final class OrdersTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BATCH = 25;

    private final URI endpoint;
    private final String table;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OrdersTable(String endpoint, String table) {
        this.endpoint = URI.create(endpoint);
        this.table = table;
    }

    /** Places {@code count} confirmed orders of one product for the customer, one a minute, newest now. */
    void seed(String customerId, int count, BenchDatabase.Product product) throws Exception {
        Instant newest = Instant.now();
        List<Callable<Void>> batches = new ArrayList<>();
        for (int first = 0; first < count; first += BATCH) {
            int from = first;
            int to = Math.min(count, first + BATCH);
            batches.add(() -> {
                ArrayNode requests = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    requests.addObject()
                            .putObject("PutRequest")
                            .set("Item", order(customerId, newest.minusSeconds(60L * i), product));
                }
                ObjectNode body = JSON.createObjectNode();
                body.putObject("RequestItems").set(table, requests);
                writeAll(body);
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Void> done : pool.invokeAll(batches)) {
                done.get();
            }
        }
    }

    /** Creates this table as the orders table's definition file (create-table JSON) defines it. */
    void create(Path definition) throws IOException, InterruptedException {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(definition));
        request.put("TableName", table);
        call("CreateTable", request);
    }

    /**
     * Orders waiting for the scheduled jobs as the service writes them, placed ten minutes ago:
     * cancelled ones whose stock release is pending and PENDING ones, each with the jobs' marker
     * (orders-impl's PendingJob: pending_job, pending_since).
     */
    static List<ObjectNode> waiting(String customerId, int releases, int unconfirmed, BenchDatabase.Product product) {
        Instant since = Instant.now().minus(Duration.ofMinutes(10));
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < releases + unconfirmed; i++) {
            boolean release = i < releases;
            ObjectNode item = order(customerId, since, product);
            item.putObject("order_status").put("S", release ? "CANCELLED" : "PENDING");
            if (release) {
                item.putObject("stock_release_pending").put("BOOL", true);
            }
            item.putObject("pending_job").put("S", release ? "stock_release" : "unconfirmed");
            item.putObject("pending_since").put("S", UTC_MILLIS.format(since));
            items.add(item);
        }
        return items;
    }

    /**
     * Records the jobs' one-off marking of older orders as done (orders-impl's PendingJobsBackfill:
     * its progress item), as in a table whose orders were all written with the jobs' marker.
     */
    void jobsBackfillDone() throws IOException, InterruptedException {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("order_id").put("S", "backfill#pending_job");
        item.putObject("customer_id").put("S", "progress");
        item.putObject("completed_at").put("S", UTC_MILLIS.format(Instant.now()));
        put(List.of(item));
    }

    /** Writes these items as they are (again, when the jobs have moved them on). */
    void put(List<ObjectNode> items) throws IOException, InterruptedException {
        for (int first = 0; first < items.size(); first += BATCH) {
            ArrayNode requests = JSON.createArrayNode();
            for (ObjectNode item : items.subList(first, Math.min(items.size(), first + BATCH))) {
                requests.addObject().putObject("PutRequest").set("Item", item.deepCopy());
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("RequestItems").set(table, requests);
            writeAll(body);
        }
    }

    /** Retries what DynamoDB left unprocessed, as BatchWriteItem asks its callers to. */
    private void writeAll(ObjectNode body) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            JsonNode answer = call("BatchWriteItem", body);
            JsonNode unprocessed = answer.path("UnprocessedItems");
            if (unprocessed.isEmpty()) {
                return;
            }
            body = JSON.createObjectNode();
            body.set("RequestItems", unprocessed);
            Thread.sleep(50L * (attempt + 1));
        }
        throw new IOException("BatchWriteItem left items unprocessed after 10 attempts");
    }

    private static ObjectNode order(String customerId, Instant date, BenchDatabase.Product product) {
        ObjectNode item = JSON.createObjectNode();
        String when = UTC_MILLIS.format(date);
        item.putObject("order_id").put("S", UUID.randomUUID().toString());
        item.putObject("customer_id").put("S", customerId);
        item.putObject("order_date").put("S", when);
        item.putObject("order_status").put("S", "CONFIRMED");
        item.putObject("total_amount").put("N", product.price().toPlainString());
        ObjectNode address = item.putObject("shipping_address").putObject("M");
        address.putObject("street").put("S", "1 Benchmark Road");
        address.putObject("city").put("S", "Loadville");
        address.putObject("zip_code").put("S", "12345");
        address.putObject("country").put("S", "US");
        ObjectNode line = item.putObject("items").putArray("L").addObject().putObject("M");
        line.putObject("product_id").put("S", product.id());
        line.putObject("product_name").put("S", product.name());
        line.putObject("quantity").put("N", "1");
        line.putObject("price_per_unit").put("N", product.price().toPlainString());
        item.putObject("version").put("N", "1");
        item.putObject("request_hash").put("S", "seeded-by-make-bench");
        item.putObject("idempotency_key").put("S", UUID.randomUUID().toString());
        item.putObject("reservation_id").put("S", UUID.randomUUID().toString());
        item.putObject("updated_at").put("S", when);
        return item;
    }

    /** Units of each product in placed, not cancelled orders: the whole table, page by page. */
    Map<String, Integer> unitsOrdered() throws IOException, InterruptedException {
        Map<String, Integer> units = new HashMap<>();
        JsonNode startKey = null;
        for (int page = 0; page < 10_000; page++) {
            ObjectNode body = JSON.createObjectNode()
                    .put("TableName", table)
                    .put("ProjectionExpression", "saga_state, order_status, #items");
            body.putObject("ExpressionAttributeNames").put("#items", "items");
            if (startKey != null) {
                body.set("ExclusiveStartKey", startKey);
            }
            JsonNode answer = call("Scan", body);
            for (JsonNode item : answer.path("Items")) {
                boolean placed = item.path("saga_state").isMissingNode();
                boolean cancelled = item.path("order_status").path("S").asText().equals("CANCELLED");
                if (placed && !cancelled) {
                    for (JsonNode line : item.path("items").path("L")) {
                        units.merge(
                                line.path("M").path("product_id").path("S").asText(),
                                line.path("M").path("quantity").path("N").asInt(),
                                Integer::sum);
                    }
                }
            }
            startKey = answer.get("LastEvaluatedKey");
            if (startKey == null) {
                return units;
            }
        }
        throw new IOException("the orders table did not end after 10,000 pages");
    }

    private JsonNode call(String operation, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                // DynamoDB Local wants a SigV4-shaped header but checks no signature.
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-1/dynamodb/aws4_request,"
                                + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(operation + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
