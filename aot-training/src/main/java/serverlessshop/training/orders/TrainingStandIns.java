package serverlessshop.training.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import serverlessshop.orders.store.OrderTableSchema;

/**
 * What the orders function talks to, stood in for its AOT training run (the image build reaches no
 * DynamoDB, no Secrets Manager and no products API): one loopback HTTP server answering DynamoDB's
 * JSON protocol with a placed order, Secrets Manager's GetSecretValue, and Lambda's Invoke of the
 * products function with the payload-2.0 answers products would give its stock reservations. Only as faithful as the training needs: the function's own code paths, success and error.
 */
final class TrainingStandIns implements AutoCloseable {

    static final String CUSTOMER = "training-customer";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:training-AbC123";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    TrainingStandIns() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = json(exchange.getRequestBody().readAllBytes());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            if (target != null && target.startsWith("secretsmanager.")) {
                reply(
                        exchange,
                        200,
                        "application/x-amz-json-1.1",
                        JSON.createObjectNode()
                                .put("ARN", SECRET_ARN)
                                .put("Name", "training")
                                .put("VersionId", UUID.randomUUID().toString())
                                .put("SecretString", "training")
                                .toString());
            } else if (target != null) {
                reply(
                        exchange,
                        200,
                        "application/x-amz-json-1.0",
                        dynamoDb(target.substring(target.indexOf('.') + 1), request));
            } else if (path.endsWith("/invocations")) {
                if ("DryRun".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                // The event of a stock-reservation request: what products answers, as a payload-2.0 response.
                String id = request.path("rawPath").asText().split("/")[3];
                boolean reserve = request.path("requestContext")
                        .path("http")
                        .path("method")
                        .asText()
                        .equals("PUT");
                JsonNode items = json(request.path("body").asText("").getBytes(StandardCharsets.UTF_8))
                        .path("items");
                ObjectNode answer = JSON.createObjectNode().put("statusCode", reserve ? 201 : 200);
                answer.putObject("headers").put("Content-Type", "application/json");
                answer.put("body", reservation(id, reserve ? "RESERVED" : "CONFIRMED", items));
                answer.put("isBase64Encoded", false);
                reply(exchange, 200, "application/json", answer.toString());
            } else {
                reply(exchange, 404, "application/json", "{}");
            }
        }
    }

    /** A JSON request body; the token request's form body (and none) as an empty object. */
    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String dynamoDb(String operation, JsonNode request) {
        return switch (operation) {
            case "Query", "Scan" -> {
                ObjectNode answer = JSON.createObjectNode().put("Count", 1).put("ScannedCount", 1);
                answer.putArray("Items").add(order(UUID.randomUUID().toString()));
                yield answer.toString();
            }
            case "GetItem" ->
                JSON.createObjectNode()
                        .set(
                                "Item",
                                order(request.path("Key")
                                        .path("order_id")
                                        .path("S")
                                        .asText()))
                        .toString();
            case "UpdateItem" ->
                JSON.createObjectNode()
                        .set(
                                "Attributes",
                                order(request.path("Key")
                                        .path("order_id")
                                        .path("S")
                                        .asText()))
                        .toString();
            default -> "{}"; // PutItem, DeleteItem: the condition held
        };
    }

    /** A placed order of the training customer, in the table's item layout. */
    private static ObjectNode order(String orderId) {
        String now = OrderTableSchema.UTC_MILLIS.format(Instant.now());
        ObjectNode item = JSON.createObjectNode();
        item.putObject(OrderTableSchema.ORDER_ID).put("S", orderId);
        item.putObject(OrderTableSchema.CUSTOMER_ID).put("S", CUSTOMER);
        item.putObject(OrderTableSchema.ORDER_DATE).put("S", now);
        item.putObject(OrderTableSchema.ORDER_STATUS).put("S", "CONFIRMED");
        item.putObject(OrderTableSchema.TOTAL_AMOUNT).put("N", "19.99");
        ObjectNode address = item.putObject(OrderTableSchema.SHIPPING_ADDRESS).putObject("M");
        address.putObject("street").put("S", "1 Training Road");
        address.putObject("city").put("S", "Buildville");
        address.putObject("zip_code").put("S", "12345");
        address.putObject("country").put("S", "US");
        ObjectNode line =
                item.putObject(OrderTableSchema.ITEMS).putArray("L").addObject().putObject("M");
        line.putObject("product_id").put("S", UUID.randomUUID().toString());
        line.putObject("product_name").put("S", "Training lamp");
        line.putObject("quantity").put("N", "1");
        line.putObject("price_per_unit").put("N", "19.99");
        item.putObject(OrderTableSchema.VERSION).put("N", "1");
        item.putObject(OrderTableSchema.REQUEST_HASH).put("S", "training");
        item.putObject(OrderTableSchema.IDEMPOTENCY_KEY)
                .put("S", UUID.randomUUID().toString());
        item.putObject(OrderTableSchema.RESERVATION_ID)
                .put("S", UUID.randomUUID().toString());
        item.putObject(OrderTableSchema.UPDATED_AT).put("S", now);
        return item;
    }

    private static String reservation(String id, String status, JsonNode requested) {
        ObjectNode reservation = JSON.createObjectNode();
        reservation.put("reservation_id", id);
        reservation.put("status", status);
        reservation.put(
                "expires_at",
                Instant.now()
                        .plus(5, ChronoUnit.MINUTES)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        ArrayNode items = reservation.putArray("items");
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode wanted : requested) {
            BigDecimal price = new BigDecimal("19.99");
            items.addObject()
                    .put("product_id", wanted.path("product_id").asText())
                    .put("sku", "TRAIN-" + wanted.path("product_id").asText().substring(0, 8))
                    .put("name", "Training lamp")
                    .put("quantity", wanted.path("quantity").asInt(1))
                    .put("unit_price", price);
            total = total.add(
                    price.multiply(BigDecimal.valueOf(wanted.path("quantity").asInt(1))));
        }
        reservation.put("total_amount", total);
        reservation.put(
                "created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return reservation.toString();
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
