package serverlessshop.products.lambda;

import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.fuzz.FuzzCase;
import serverlessshop.support.testing.fuzz.FuzzSettings;
import serverlessshop.support.testing.fuzz.FuzzVerdicts;
import serverlessshop.support.testing.fuzz.InvalidRequests;
import serverlessshop.support.testing.fuzz.InvalidRequests.Target;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Bad input for every operation of products.yaml, generated from the contract (see
 * {@link InvalidRequests}), fed to the real Lambda handler as payload-2.0 events with the claims
 * API Gateway's authorizer would pass for a caller allowed to call the operation (the stock
 * reservations as the orders function's direct invocations), so that every
 * case gets past security to the input handling. No 5xx, every refusal a declared problem+json
 * naming what is wrong, and a refused request changes nothing in the database.
 */
@ExtendWith(TestDatabase.class)
class BadInputFuzzTest {

    // Fewer on MariaDB: the H2 run covers the generator as widely, MariaDB adds its own storage rules (utf8mb4).
    static final int CASES_PER_OPERATION = FuzzSettings.cases(TestDatabase.isMariaDb() ? 150 : 400);
    static final String EXAMPLE_ID = "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60";

    @Test
    void badInputIsRefusedCleanlyAndWritesNothing() throws Exception {
        ContractValidator contract = ContractValidator.forContract("products");
        InvalidRequests generator = InvalidRequests.forContract("products");
        long seed = FuzzSettings.seed();
        FuzzVerdicts verdicts = new FuzzVerdicts("products handler fuzz (" + TestDatabase.ENGINE + ")", contract, seed);
        String product = createProduct();
        String category = createCategory();

        try (Connection db = database()) {
            String before = fingerprint(db);
            for (Target target : generator.operations()) {
                Map<String, String> claims = claimsFor(target);
                String examplePath = target.pathTemplate().replaceAll("\\{[^}]+}", EXAMPLE_ID);
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    FuzzCase fuzzCase = generator.generate(
                            target,
                            seed + i,
                            request -> request.withPath("product_id", product)
                                    .withPath("category_id", category)
                                    .withBodyValue("/items/0/product_id", TextNode.valueOf(product)));
                    HttpApiResponse response = direct(target)
                            ? ProductsFunction.invokeDirectly(fuzzCase.toEvent(null))
                            : ProductsFunction.invoke(TestIssuer.signed(fuzzCase.toEvent(claims)));
                    verdicts.judge(fuzzCase, examplePath, response);
                    // Each case's "before" is the previous case's "after": one look at the database per case.
                    String after = fingerprint(db);
                    if (response.statusCode() >= 400 && !after.equals(before)) {
                        verdicts.fail(
                                fuzzCase,
                                "a refused request (" + response.statusCode() + ") changed the database: " + before
                                        + " -> " + after);
                    }
                    before = after;
                }
            }
        }
        verdicts.assertNoFailures();
    }

    /** As API Gateway's authorizer passes them for a caller the operation admits (none on public routes). */
    static Map<String, String> claimsFor(Target target) {
        return switch (target.operationId()) {
            case "listProducts", "getProduct", "listCategories", "getCategory" -> null;
            case "createProduct",
                    "updateProduct",
                    "deleteProduct",
                    "createCategory",
                    "updateCategory",
                    "deleteCategory",
                    "createProductImage",
                    "getProductImage",
                    "deleteProductImage" -> adminClaims();
            default -> null; // the stock reservations: direct invocations, no authorizer
        };
    }

    private static Map<String, String> adminClaims() {
        return HttpApiEvent.accessTokenClaims("admin-" + UUID.randomUUID(), "openid shop/orders", "[admin]");
    }

    /** The internal operations (the stock reservations), which only the orders function invokes directly. */
    static boolean direct(Target target) {
        return target.operationId().contains("Reservation")
                || target.operationId().equals("reserveStock");
    }

    private static String createProduct() {
        var event = serverlessshop.httpapi.HttpApiEvent.fixture("create-product-admin")
                .withBodyField("sku", "FUZZ-" + UUID.randomUUID().toString().substring(0, 8));
        HttpApiResponse created = ProductsFunction.invoke(TestIssuer.signed(event));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the fuzz product: " + created);
        }
        return created.bodyJson().path("product_id").asText();
    }

    private static String createCategory() {
        HttpApiEvent event = HttpApiEvent.request("POST /categories")
                .path("/categories")
                .headers(Map.of(
                        "accept", "application/json, application/problem+json", "content-type", "application/json"))
                .body("{\"slug\":\"fuzz-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Fuzz\"}")
                .build();
        HttpApiResponse created = ProductsFunction.invoke(TestIssuer.signed(event.withAuthorizer(adminClaims())));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the fuzz category: " + created);
        }
        return created.bodyJson().path("category_id").asText();
    }

    private static Connection database() throws SQLException {
        Map<String, String> properties = ProductsFunction.properties();
        return DriverManager.getConnection(
                properties.get("spring.datasource.url"),
                properties.getOrDefault("spring.datasource.username", "sa"),
                properties.getOrDefault("spring.datasource.password", ""));
    }

    /**
     * Everything a write would change: rows, stock and versions of products, reservations and their
     * items, categories and the products' links to them, images.
     */
    static String fingerprint(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            return row(
                            statement,
                            "SELECT COUNT(*), COALESCE(SUM(stock_quantity), 0), COALESCE(SUM(version), 0), "
                                    + "COALESCE(SUM(price), 0), COALESCE(SUM(CASE WHEN is_active THEN 1 ELSE 0 END), 0) FROM products")
                    + " | "
                    + row(
                            statement,
                            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'RESERVED' THEN 1 ELSE 0 END), 0),"
                                    + " MAX(updated_at) FROM stock_reservations")
                    + " | "
                    + row(statement, "SELECT COUNT(*), COALESCE(SUM(quantity), 0) FROM stock_reservation_items")
                    + " | "
                    + row(statement, "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM categories")
                    + " | "
                    + row(statement, "SELECT COUNT(*) FROM product_categories")
                    + " | "
                    + row(statement, "SELECT COUNT(*), MAX(updated_at) FROM product_images");
        }
    }

    private static String row(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                out.append(i > 1 ? "," : "").append(rows.getString(i));
            }
            return out.toString();
        }
    }
}
