package serverlessshop.products.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.products.lambda.DatabaseCredentials;
import serverlessshop.products.lambda.MigrateHandler;
import serverlessshop.products.lambda.TestDatabaseProperties;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.lambda.InvocationContext;
import serverlessshop.support.secrets.SecretSource;
import serverlessshop.support.testing.TestIssuer;

/**
 * The running service, as a warm function: its application user's password changes (a rotation:
 * the database and the secret get the new one, the service still holds the old), and the next
 * requests that need a new connection succeed after one re-read of the secret, with no restart. A
 * wrong secret fails with an error that names the user and the secret, never a password.
 *
 * <p>Set up as a release does it: the migration, as root, makes the schema and the user from the
 * secret; the service then connects as that user only (Flyway off, as in AWS).
 */
@SpringBootTest(
        properties = {
            "spring.flyway.enabled=false",
            // Every refusal may read the secret again here; in AWS at most every 5 s.
            "shop.database.secret-reread-interval=PT0S",
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.connection-timeout=2000"
        })
@AutoConfigureMockMvc
@ExtendWith({TestDatabase.class, OutputCaptureExtension.class})
@Tag(TestDatabase.MARIADB_ONLY)
class PasswordRotationTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:products-app-AbCdEf";
    private static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");

    private static final Map<String, String> SERVER = TestDatabaseProperties.get();
    private static final String ROOT = SERVER.get("spring.datasource.username");
    private static final String ROOT_PASSWORD = SERVER.get("spring.datasource.password");
    private static final String SERVER_URL = SERVER.get("spring.datasource.url");
    private static final String SUFFIX =
            ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 6);
    private static final String DATABASE = "products_rotation_" + SUFFIX;
    private static final String APP_USER = "rot_" + SUFFIX;
    private static final String URL = SERVER_URL.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + DATABASE);

    /** What Secrets Manager holds now, and how often the service read it. */
    private static final AtomicReference<String> SECRET = new AtomicReference<>(secret("first-" + UUID.randomUUID()));

    private static final AtomicInteger READS = new AtomicInteger();

    @TestBean
    SecretSource secretSource;

    @Autowired
    MockMvc mvc;

    @Autowired
    HikariDataSource pool;

    @Autowired
    DatabaseLogin login;

    static SecretSource secretSource() {
        return secretId -> {
            assertThat(secretId).isEqualTo(SECRET_ARN);
            READS.incrementAndGet();
            return SECRET.get();
        };
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws SQLException {
        asRoot(SERVER_URL, "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Map<String, String> environment = Map.of(
                MigrateHandler.DATABASE_URL, URL,
                DatabaseCredentials.USER, ROOT,
                DatabaseCredentials.PASSWORD, ROOT_PASSWORD,
                MigrateHandler.APP_USER, APP_USER,
                MigrateHandler.APP_SECRET_ARN, SECRET_ARN);
        new MigrateHandler(environment::get, secretId -> SECRET.get())
                .handleRequest(Map.of(), InvocationContext.of("products-migrate"));

        TestIssuer.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.datasource.url", () -> URL);
        // Not these: the secret decides the user and password.
        registry.add("spring.datasource.username", () -> "nobody");
        registry.add("spring.datasource.password", () -> "");
        registry.add("shop.database.secret-arn", () -> SECRET_ARN);
    }

    @AfterAll
    static void dropDatabaseAndUser() throws SQLException {
        asRoot(SERVER_URL, "DROP USER IF EXISTS '" + APP_USER + "'@'%'");
        asRoot(SERVER_URL, "DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void afterARotationTheNextNewConnectionReadsTheSecretAgainAndSucceeds(CapturedOutput output) throws Exception {
        // Warm: connections open and pooled.
        mvc.perform(get("/products")).andExpect(status().isOk());
        createProduct();
        int readsWhenWarm = READS.get();
        assertThat(readsWhenWarm)
                .as("the secret is read at the first connection, not per request")
                .isGreaterThanOrEqualTo(1);
        mvc.perform(get("/products")).andExpect(status().isOk());
        assertThat(READS.get()).isEqualTo(readsWhenWarm);

        String newPassword = "second-" + UUID.randomUUID();
        rotate(newPassword);
        // Connections opened before the rotation keep working: MySQL checks passwords at login only.
        mvc.perform(get("/products")).andExpect(status().isOk());
        assertThat(READS.get()).isEqualTo(readsWhenWarm);

        // Life goes on: the pool retires its connections (max lifetime, or the server dropped them
        // while the function was frozen) and must open new ones with the old password in hand.
        dropConnections();

        mvc.perform(get("/products")).andExpect(status().isOk());
        createProduct();
        mvc.perform(get("/products")).andExpect(status().isOk());

        assertThat(READS.get()).as("one re-read after the first refusal").isEqualTo(readsWhenWarm + 1);
        assertThat(output)
                .contains("The database refused the credentials of the secret " + SECRET_ARN)
                .doesNotContain(newPassword);
    }

    @Test
    void aWrongSecretFailsWithAnErrorThatNamesTheUserAndTheSecretButNoPassword(CapturedOutput output) throws Exception {
        mvc.perform(get("/products")).andExpect(status().isOk());
        String databasePassword = "third-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        asRoot(SERVER_URL, "ALTER USER '" + APP_USER + "'@'%' IDENTIFIED BY '" + databasePassword + "'");
        SECRET.set(secret(wrongPassword));
        dropConnections();
        try {
            assertThatThrownBy(() ->
                            new LoginDataSource(URL, login).getConnection().close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(
                            "The database refused the user " + APP_USER + " with the secret " + SECRET_ARN)
                    .hasMessageNotContaining(wrongPassword)
                    .hasMessageNotContaining(databasePassword)
                    .satisfies(e ->
                            assertThat(((SQLException) e).getErrorCode()).isEqualTo(LoginDataSource.ACCESS_DENIED));
            // Through the service: unavailable (503, retry later), not a crash.
            mvc.perform(get("/products")).andExpect(status().isServiceUnavailable());
            assertThat(output).doesNotContain(wrongPassword).doesNotContain(databasePassword);
        } finally {
            // The secret is put right (as the rotation's last step would): the service recovers by itself.
            SECRET.set(secret(databasePassword));
        }
        mvc.perform(get("/products")).andExpect(status().isOk());
    }

    private void createProduct() throws Exception {
        mvc.perform(post("/products")
                        .header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"ROT-" + UUID.randomUUID() + "\",\"name\":\"Kettle\",\"price\":10}"))
                .andExpect(status().isCreated());
    }

    /** What Secrets Manager's rotation does: the database's password first, then the secret's. */
    private static void rotate(String newPassword) throws SQLException {
        asRoot(SERVER_URL, "ALTER USER '" + APP_USER + "'@'%' IDENTIFIED BY '" + newPassword + "'");
        SECRET.set(secret(newPassword));
    }

    /** The pool's connections go: idle ones at once, busy ones when returned; the server's side is killed too. */
    private void dropConnections() throws SQLException {
        pool.getHikariPoolMXBean().softEvictConnections();
        try (Connection connection = DriverManager.getConnection(SERVER_URL, ROOT, ROOT_PASSWORD);
                Statement statement = connection.createStatement();
                var sessions = statement.executeQuery(
                        "SELECT id FROM information_schema.processlist WHERE user = '" + APP_USER + "'")) {
            while (sessions.next()) {
                try (Statement kill = connection.createStatement()) {
                    kill.execute("KILL CONNECTION " + sessions.getLong(1));
                } catch (SQLException gone) {
                    // Closed meanwhile by the eviction.
                }
            }
        }
    }

    private static String secret(String password) {
        return "{\"username\":\"" + APP_USER + "\",\"password\":\"" + password + "\"}";
    }

    private static void asRoot(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, ROOT, ROOT_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
