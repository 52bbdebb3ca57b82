package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.products.database.AppUser;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.lambda.InvocationContext;

/**
 * The migration makes the user the service connects as: exactly SELECT, INSERT, UPDATE and DELETE
 * on each of the service's tables (SHOW GRANTS), no DDL, not the migrations' history; running it
 * again changes nothing but the password, to the secret's current one.
 */
@ExtendWith(TestDatabase.class)
@Tag(TestDatabase.MARIADB_ONLY)
class MigrateHandlerAppUserTest {

    private static final String APP_SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:products-app-AbCdEf";

    private final Map<String, String> server = TestDatabaseProperties.get();
    private final String rootUser = server.get("spring.datasource.username");
    private final String rootPassword = server.get("spring.datasource.password");
    private final String serverUrl = server.get("spring.datasource.url");
    private final String suffix =
            ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 6);
    private final String database = "products_grants_" + suffix;
    private final String appUser = "app_" + suffix;
    private final String url = serverUrl.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + database);
    private final AtomicReference<String> appPassword = new AtomicReference<>("first-" + UUID.randomUUID());

    @BeforeEach
    void createDatabase() throws SQLException {
        asRoot(serverUrl, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    @AfterEach
    void dropDatabaseAndUser() throws SQLException {
        asRoot(serverUrl, "DROP USER IF EXISTS '" + appUser + "'@'%'");
        asRoot(serverUrl, "DROP DATABASE IF EXISTS " + database);
    }

    @Test
    void makesTheApplicationUserWithExactlyTheDmlGrantsOfTheServicesTables() throws SQLException {
        Map<String, Object> answer = migrate();

        assertThat(answer).containsEntry("app_user", appUser);
        assertThat(AppUser.tables())
                .containsExactly(
                        "categories",
                        "product_categories",
                        "product_image_sizes",
                        "product_images",
                        "product_words",
                        "products",
                        "stock_reservation_items",
                        "stock_reservations");
        assertThat(grantsOnTables()).containsExactlyInAnyOrderElementsOf(expectedGrants());
        assertThat(globalGrant()).startsWith("GRANT USAGE ON *.* TO ");
    }

    @Test
    void theApplicationUserCanReadAndWriteRowsButNotChangeTheSchema() throws SQLException {
        migrate();

        try (Connection connection = DriverManager.getConnection(url, appUser, appPassword.get());
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO products (product_id, sku, name, price, stock_quantity) "
                    + "VALUES ('00000000-0000-0000-0000-000000000001', 'SKU-1', 'Kettle', 10.00, 3)");
            statement.execute("UPDATE products SET stock_quantity = 2 WHERE sku = 'SKU-1'");
            try (ResultSet rows =
                    statement.executeQuery("SELECT stock_quantity FROM products WHERE sku = 'SKU-1' FOR UPDATE")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            statement.execute("DELETE FROM products WHERE sku = 'SKU-1'");

            for (String ddl : List.of(
                    "CREATE TABLE intruder (id INT)",
                    "ALTER TABLE products ADD COLUMN intruder INT",
                    "CREATE INDEX ix_intruder ON products (name)",
                    "DROP TABLE stock_reservation_items",
                    "TRUNCATE TABLE products",
                    "SELECT COUNT(*) FROM flyway_schema_history",
                    "DELETE FROM flyway_schema_history",
                    "CREATE USER 'intruder'@'%'",
                    "GRANT SELECT ON " + database + ".products TO 'intruder'@'%'")) {
                assertThatThrownBy(() -> statement.execute(ddl))
                        .as(ddl)
                        .isInstanceOf(SQLException.class)
                        // 1142: command denied on the table; 1227: needs a privilege the user lacks;
                        // 1044: access denied to the database; 1410: may not grant.
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode())
                                .as(ddl)
                                .isIn(1142, 1227, 1044, 1410));
            }
        }
    }

    @Test
    void runningItAgainKeepsTheGrantsAndTakesTheSecretsNewPassword() throws SQLException {
        migrate();
        String first = appPassword.get();
        appPassword.set("second-" + UUID.randomUUID());

        Map<String, Object> again = migrate();

        assertThat(again).containsEntry("migrations_applied", 0).containsEntry("app_user", appUser);
        assertThat(grantsOnTables()).containsExactlyInAnyOrderElementsOf(expectedGrants());
        DriverManager.getConnection(url, appUser, appPassword.get()).close();
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, appUser, first).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1045));
    }

    @Test
    void withoutAnAppSecretTheUserIsIdentifiedByRdsIamPluginWhichMariaDbDoesNotHave() {
        // The statement is RDS's (IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'): MariaDB parses it
        // and answers that the plugin is not loaded (1524), which shows what was sent. On RDS it succeeds.
        Map<String, String> environment = environment();
        environment.remove(MigrateHandler.APP_SECRET_ARN);

        assertThatThrownBy(() -> new MigrateHandler(environment::get, secretId -> {
                            throw new AssertionError("no secret should be read");
                        })
                        .handleRequest(Map.of(), InvocationContext.of("products-migrate")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(appUser)
                .hasMessageContaining("error 1524")
                .hasMessageContaining("AWSAuthenticationPlugin");
    }

    @Test
    void refusesASecretForAnotherUser() {
        Map<String, String> environment = environment();
        MigrateHandler handler =
                new MigrateHandler(environment::get, secretId -> "{\"username\":\"someone_else\",\"password\":\"p\"}");

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.of("products-migrate")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("someone_else")
                .hasMessageContaining(appUser)
                .hasMessageNotContaining("\"p\"");
    }

    private Map<String, Object> migrate() {
        Map<String, String> environment = environment();
        return new MigrateHandler(environment::get, secretId -> {
                    assertThat(secretId).isEqualTo(APP_SECRET_ARN);
                    return "{\"username\":\"" + appUser + "\",\"password\":\"" + appPassword.get() + "\"}";
                })
                .handleRequest(Map.of(), InvocationContext.of("products-migrate"));
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put(MigrateHandler.DATABASE_URL, url);
        environment.put(DatabaseCredentials.USER, rootUser);
        environment.put(DatabaseCredentials.PASSWORD, rootPassword);
        environment.put(MigrateHandler.APP_USER, appUser);
        environment.put(MigrateHandler.APP_SECRET_ARN, APP_SECRET_ARN);
        return environment;
    }

    private List<String> expectedGrants() {
        return AppUser.tables().stream()
                .map(table -> "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.`" + table + "` TO `"
                        + appUser + "`@`%`")
                .toList();
    }

    private List<String> grantsOnTables() throws SQLException {
        return showGrants().stream()
                .filter(grant -> !grant.startsWith("GRANT USAGE ON *.*"))
                .toList();
    }

    private String globalGrant() throws SQLException {
        List<String> global = showGrants().stream()
                .filter(grant -> grant.contains(" ON *.* "))
                .toList();
        assertThat(global).hasSize(1);
        return global.getFirst();
    }

    private List<String> showGrants() throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(serverUrl, rootUser, rootPassword);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GRANTS FOR '" + appUser + "'@'%'")) {
            while (rows.next()) {
                grants.add(rows.getString(1));
            }
        }
        return grants;
    }

    private void asRoot(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, rootUser, rootPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
