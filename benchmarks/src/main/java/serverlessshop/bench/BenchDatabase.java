package serverlessshop.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The products database of a run, on the MariaDB/MySQL server the tests use ({@code MYSQL_URL},
 * {@code MYSQL_USER}, {@code MYSQL_PASSWORD}; default root at 127.0.0.1:3306): created afresh, its
 * schema applied by the products image's own migrate function, then seeded directly with batched
 * inserts (100,000 products in seconds, where the API would take minutes).
 */
public final class BenchDatabase {

    static final String NAME = "serverless_shop_bench";

    private final String name;
    private final String serverUrl;
    private final String user;
    private final String password;

    /** A product the run created, with the stock it started with. */
    public record Product(String id, String name, BigDecimal price, int stock) {}

    String name() {
        return name;
    }

    /** {@code BENCH_DB_NAME} names another database: two runs on one server must not drop each other's. */
    BenchDatabase(Map<String, String> env) {
        this(env, env.getOrDefault("BENCH_DB_NAME", NAME));
    }

    /** A database of another name on the same server: suites that run beside make bench use their own. */
    public BenchDatabase(Map<String, String> env, String name) {
        this.name = name;
        this.serverUrl =
                env.getOrDefault("MYSQL_URL", "jdbc:mysql://127.0.0.1:3306").replaceAll("/+$", "");
        this.user = env.getOrDefault("MYSQL_USER", "root");
        this.password = env.getOrDefault("MYSQL_PASSWORD", "");
    }

    /** What the functions get as PRODUCTS_DB_URL: the Dockerfile's form of the URL. */
    public String functionUrl() {
        return serverUrl + "/" + name + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public void recreate() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "/", user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
    }

    public void drop() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "/", user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(functionUrl() + "&rewriteBatchedStatements=true", user, password);
    }

    /**
     * Inserts {@code count} products named {@code prefix 000001...}, each with {@code stock} units, in
     * batches of one multi-row statement per 2,000.
     */
    public List<Product> insertProducts(String prefix, int count, int stock) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        return insertProducts(prefix, count, stock, i -> new BigDecimal("9.99"), i -> now);
    }

    /**
     * Products as {@link #insertProducts(String, int, int)} inserts them, to be listed in every order:
     * prices from 1.00 to 500.99 and creation times a second apart over the past {@code count} seconds,
     * each in an order of its own, unlike the names' (a few products share a price: ties broken by id).
     */
    public List<Product> insertCatalogue(String prefix, int count, int stock) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        return insertProducts(
                prefix,
                count,
                stock,
                i -> BigDecimal.valueOf(100 + i * 7_919L % 50_000, 2),
                i -> now.minusSeconds(1 + i * 104_729L % count));
    }

    private List<Product> insertProducts(
            String prefix, int count, int stock, IntFunction<BigDecimal> price, IntFunction<LocalDateTime> createdAt)
            throws SQLException {
        List<Product> products = new ArrayList<>(count);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        String sql = "INSERT INTO products (product_id, sku, name, description, price, stock_quantity, is_active,"
                + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, 1)";
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                Product product = new Product(
                        UUID.randomUUID().toString(), String.format("%s %06d", prefix, i), price.apply(i), stock);
                insert.setString(1, product.id());
                insert.setString(
                        2, prefix.toUpperCase().replaceAll("[^A-Z0-9]+", "-") + "-" + String.format("%06d", i));
                insert.setString(3, product.name());
                insert.setString(4, "Seeded by make bench.");
                insert.setBigDecimal(5, product.price());
                insert.setInt(6, stock);
                insert.setTimestamp(7, Timestamp.valueOf(createdAt.apply(i)));
                insert.setTimestamp(8, Timestamp.valueOf(now));
                insert.addBatch();
                products.add(product);
                if (i % 2_000 == 0 || i == count) {
                    insert.executeBatch();
                }
            }
            connection.commit();
        }
        return products;
    }

    /**
     * Creates {@code count} categories, {@code bench-category-1...}, and puts product {@code i} of the
     * list in category {@code i % count + 1}; their slugs.
     */
    public List<String> categorize(List<Product> products, int count) throws SQLException {
        List<String> slugs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).withNano(0));
        try (Connection connection = connect();
                PreparedStatement category = connection.prepareStatement(
                        "INSERT INTO categories (category_id, slug, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement link = connection.prepareStatement(
                        "INSERT INTO product_categories (category_id, product_id) VALUES (?, ?)")) {
            connection.setAutoCommit(false);
            for (int c = 1; c <= count; c++) {
                String id = UUID.randomUUID().toString();
                category.setString(1, id);
                category.setString(2, "bench-category-" + c);
                category.setString(3, "Bench category " + c);
                category.setTimestamp(4, now);
                category.setTimestamp(5, now);
                category.executeUpdate();
                ids.add(id);
                slugs.add("bench-category-" + c);
            }
            for (int i = 0; i < products.size(); i++) {
                link.setString(1, ids.get(i % count));
                link.setString(2, products.get(i).id());
                link.addBatch();
                if ((i + 1) % 2_000 == 0 || i == products.size() - 1) {
                    link.executeBatch();
                }
            }
            connection.commit();
        }
        return slugs;
    }

    /** Stock now, and units held by live reservations, of these products. */
    record StockState(Map<String, Integer> stock, Map<String, Integer> reserved, Map<String, Integer> confirmed) {}

    StockState stockOf(List<String> productIds) throws SQLException {
        String in = String.join(",", productIds.stream().map(id -> "?").toList());
        Map<String, Integer> stock = new LinkedHashMap<>();
        Map<String, Integer> reserved = new LinkedHashMap<>();
        Map<String, Integer> confirmed = new LinkedHashMap<>();
        try (Connection connection = connect()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT product_id, stock_quantity FROM products WHERE product_id IN (" + in + ")")) {
                bind(query, productIds);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        stock.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT i.product_id, r.status, SUM(i.quantity) FROM stock_reservation_items i"
                            + " JOIN stock_reservations r ON r.reservation_id = i.reservation_id"
                            + " WHERE r.status IN ('RESERVED', 'CONFIRMED') AND i.product_id IN (" + in + ")"
                            + " GROUP BY i.product_id, r.status")) {
                bind(query, productIds);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        (rows.getString(2).equals("CONFIRMED") ? confirmed : reserved)
                                .put(rows.getString(1), rows.getInt(3));
                    }
                }
            }
        }
        return new StockState(stock, reserved, confirmed);
    }

    private static void bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }
}
