package serverlessshop.products.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import serverlessshop.support.testing.TestIssuer;

/**
 * The database the products tests run on, chosen per Surefire execution with
 * {@code -Dproducts.test.database=h2|mariadb}: H2 in MySQL mode, or the real MariaDB/MySQL server
 * at {@code MYSQL_URL} (default {@code jdbc:mysql://127.0.0.1:3306/}, user {@code MYSQL_USER}, root),
 * where the tests create their own database. Without that server the MariaDB run is skipped, loudly;
 * with {@code CI=true} it fails instead.
 */
public final class TestDatabase
        implements ApplicationContextInitializer<ConfigurableApplicationContext>, ExecutionCondition {

    public static final String ENGINE = System.getProperty("products.test.database", "h2");
    /** Tests that only make sense on MariaDB: the H2 execution leaves them out (not skipped: not part of it). */
    public static final String MARIADB_ONLY = "mariadb-only";

    private static final String SERVER_URL = env("MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = env("MYSQL_USER", "root");
    private static final String PASSWORD = env("MYSQL_PASSWORD", "");
    /** One database per test JVM, dropped when it exits: concurrent runs never share one. */
    private static final String DATABASE =
            "products_test_" + ProcessHandle.current().pid();

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private static volatile boolean databaseCreated;

    public static boolean isMariaDb() {
        return ENGINE.equals("mariadb");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, String> properties = new HashMap<>(TestIssuer.serviceProperties());
        properties.put("spring.datasource.hikari.maximum-pool-size", "20");
        if (isMariaDb()) {
            createDatabaseOnce();
            properties.put(
                    "spring.datasource.url",
                    SERVER_URL + DATABASE + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
            properties.put("spring.datasource.username", USER);
            properties.put("spring.datasource.password", PASSWORD);
        } else {
            properties.put(
                    "spring.datasource.url",
                    "jdbc:h2:mem:products-" + UUID.randomUUID()
                            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
        }
        TestPropertyValues.of(properties).applyTo(context);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isMariaDb()) {
            return ConditionEvaluationResult.enabled("H2 (MySQL mode)");
        }
        String reason = unreachableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("MariaDB/MySQL at " + SERVER_URL);
        }
        String message = "MariaDB/MySQL at " + SERVER_URL + " is not reachable (" + reason + ")";
        if (CI) {
            throw new IllegalStateException(message + ": with CI=true the MariaDB suite may not be skipped");
        }
        System.err.println("*** SKIPPED: " + message + ". Start MariaDB or set MYSQL_URL to run it. ***");
        return ConditionEvaluationResult.disabled(message);
    }

    private static String unreachableReason() {
        try (Connection ignored = DriverManager.getConnection(SERVER_URL, USER, PASSWORD)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static synchronized void createDatabaseOnce() {
        if (databaseCreated) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            databaseCreated = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropDatabase));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + SERVER_URL, e);
        }
    }

    private static void dropDatabase() {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + DATABASE + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
