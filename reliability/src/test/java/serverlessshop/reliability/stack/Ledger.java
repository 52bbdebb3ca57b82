package serverlessshop.reliability.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two databases hold after a run, read directly (not through the services): products' stock
 * and reservations in MariaDB, every item of the orders table in DynamoDB; and what the order events
 * said about them (the local bus's archive).
 */
public final class Ledger {

    /** One reservation: its status, expiry (UTC) and units per product. */
    public record Reservation(String id, String status, LocalDateTime expiresAt, Map<String, Integer> units) {}

    /** One item of the orders table: a placed order, or an attempt's claim (sagaState PLACING). */
    public record OrderItem(
            String orderId,
            String customerId,
            String idempotencyKey,
            String sagaState,
            String status,
            String reservationId,
            boolean releasePending,
            Map<String, Integer> units) {

        public boolean placed() {
            return sagaState == null;
        }
    }

    /** An order's latest event on the bus: its status and sequence (the order's version then). */
    public record LastEvent(String eventType, String status, long sequence, int events) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Each order's latest event in the local bus's archive (the greatest {@code sequence}), with how many
     * events of it the bus took (a record delivered again counts again): what a consumer that keeps the
     * newest event per order would believe the order's status to be.
     */
    public static Map<String, LastEvent> lastEvents(Path archive) throws IOException {
        Map<String, LastEvent> last = new HashMap<>();
        if (!Files.exists(archive)) {
            return last;
        }
        for (String line : Files.readAllLines(archive)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            if (!"serverless-shop.orders".equals(event.path("source").asText())) {
                continue;
            }
            JsonNode detail = event.path("detail");
            LastEvent seen = new LastEvent(
                    event.path("detail-type").asText(),
                    detail.path("order_status").asText(),
                    detail.path("sequence").asLong(),
                    1);
            last.merge(detail.path("order_id").asText(), seen, (before, now) -> {
                LastEvent newer = now.sequence() > before.sequence() ? now : before;
                return new LastEvent(newer.eventType(), newer.status(), newer.sequence(), before.events() + 1);
            });
        }
        return last;
    }

    public static Map<String, Integer> stock(String jdbcUrl, String user, String password) throws SQLException {
        Map<String, Integer> stock = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT product_id, stock_quantity FROM products")) {
            while (rows.next()) {
                stock.put(rows.getString(1), rows.getInt(2));
            }
        }
        return stock;
    }

    public static List<Reservation> reservations(String jdbcUrl, String user, String password) throws SQLException {
        Map<String, Reservation> reservations = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT r.reservation_id, r.status, r.expires_at, i.product_id,"
                        + " i.quantity FROM stock_reservations r JOIN stock_reservation_items i"
                        + " ON i.reservation_id = r.reservation_id")) {
            while (rows.next()) {
                var expires = rows.getTimestamp(3);
                reservations
                        .computeIfAbsent(rows.getString(1), id -> {
                            try {
                                return new Reservation(
                                        id,
                                        rows.getString(2),
                                        expires == null ? null : expires.toLocalDateTime(),
                                        new HashMap<>());
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .units()
                        .merge(rows.getString(4), rows.getInt(5), Integer::sum);
            }
        }
        return List.copyOf(reservations.values());
    }

    /** The database's own clock, in UTC (the session's time zone is UTC): what expires_at is compared with. */
    public static LocalDateTime databaseNow(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT UTC_TIMESTAMP(3)")) {
            rows.next();
            return rows.getTimestamp(1).toLocalDateTime();
        }
    }

    /** Every order and claim of the table, page by page, read consistently. */
    public static List<OrderItem> orders(String endpoint, String table) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<OrderItem> items = new ArrayList<>();
        JsonNode startKey = null;
        do {
            ObjectNode body = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
            if (startKey != null) {
                body.set("ExclusiveStartKey", startKey);
            }
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint))
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header("X-Amz-Target", "DynamoDB_20120810.Scan")
                            // DynamoDB Local wants a SigV4-shaped header but checks no signature.
                            .header(
                                    "Authorization",
                                    "AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-1/dynamodb/aws4_request,"
                                            + " SignedHeaders=host, Signature=0")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Scan answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            for (JsonNode item : answer.path("Items")) {
                if (!item.has("order_status") && !item.has("saga_state")) {
                    continue; // a customer's order-rate counter (orders-impl/README.md), not an order
                }
                Map<String, Integer> units = new HashMap<>();
                for (JsonNode line : item.path("items").path("L")) {
                    units.merge(
                            line.path("M").path("product_id").path("S").asText(),
                            line.path("M").path("quantity").path("N").asInt(),
                            Integer::sum);
                }
                items.add(new OrderItem(
                        item.path("order_id").path("S").asText(),
                        item.path("customer_id").path("S").asText(),
                        item.path("idempotency_key").path("S").asText(null),
                        item.path("saga_state").path("S").asText(null),
                        item.path("order_status").path("S").asText(null),
                        item.path("reservation_id").path("S").asText(null),
                        item.path("stock_release_pending").path("BOOL").asBoolean(false),
                        units));
            }
            startKey = answer.get("LastEvaluatedKey");
        } while (startKey != null);
        return items;
    }
}
