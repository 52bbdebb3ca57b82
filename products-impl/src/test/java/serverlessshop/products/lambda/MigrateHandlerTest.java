package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.Table;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import serverlessshop.products.db.DefaultSchema;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.lambda.InvocationContext;

/**
 * The migrate function on fresh databases: it applies every script of db/migration once, and a
 * second run (the next deploy of the same release) applies nothing.
 */
@ExtendWith(TestDatabase.class)
class MigrateHandlerTest {

    private static final List<String> SCRIPTS = migrationScripts();
    private static final String LATEST_VERSION = SCRIPTS.stream()
            .map(script -> MigrationVersion.fromVersion(
                    script.substring(1, script.indexOf("__")).replace('_', '.')))
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .getVersion();

    @Test
    void migratesAFreshH2DatabaseOnceAndThenAppliesNothing() throws SQLException {
        String url = freshH2Url();
        try {
            assertMigratesOnce(url, "sa", "");
        } finally {
            shutDownH2(url, "sa", "");
        }
    }

    @Test
    @Tag(TestDatabase.MARIADB_ONLY)
    void migratesAFreshMariaDbDatabaseOnceAndThenAppliesNothing() throws SQLException {
        Map<String, String> testDatabase = TestDatabaseProperties.get();
        String user = testDatabase.get("spring.datasource.username");
        String password = testDatabase.get("spring.datasource.password");
        String serverUrl = testDatabase.get("spring.datasource.url");
        String database = "products_migrate_" + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        // The run's URL with another database: jdbc:mysql://host:port/DATABASE?options
        String url = serverUrl.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + database);
        execute(
                serverUrl,
                user,
                password,
                "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            assertMigratesOnce(url, user, password);
        } finally {
            execute(serverUrl, user, password, "DROP DATABASE " + database);
        }
    }

    @Test
    void takesTheCredentialsFromTheNamedSecretNotFromTheEnvironment() throws SQLException {
        String url = freshH2Url();
        String secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf";
        List<String> secretsRead = new ArrayList<>();
        Map<String, String> environment = Map.of(
                MigrateHandler.DATABASE_URL,
                url,
                DatabaseCredentials.SECRET_ARN,
                secretArn,
                DatabaseCredentials.USER,
                "sa",
                DatabaseCredentials.PASSWORD,
                "not-this-one");
        MigrateHandler handler = new MigrateHandler(environment::get, secretId -> {
            secretsRead.add(secretId);
            return "{\"username\":\"migrator\",\"password\":\"from-the-secret\"}";
        });
        try {
            Map<String, Object> answer = handler.handleRequest(Map.of(), InvocationContext.of("products-migrate"));

            assertThat(secretsRead).containsExactly(secretArn);
            assertThat(answer).containsEntry("migrations_applied", SCRIPTS.size());
            // H2 made the first user that connected, the secret's, the owner of the new database.
            assertTablesExist(url, "migrator", "from-the-secret");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "not-this-one")
                            .close())
                    .isInstanceOf(SQLException.class);
        } finally {
            shutDownH2(url, "migrator", "from-the-secret");
        }
    }

    @Test
    void refusesToGuessTheDatabase() {
        MigrateHandler handler = new MigrateHandler(name -> null, secretId -> {
            throw new AssertionError("no secret should be read");
        });

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.of("products-migrate")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRODUCTS_DB_URL");
    }

    private static void assertMigratesOnce(String url, String user, String password) throws SQLException {
        Map<String, String> environment = new HashMap<>();
        environment.put(MigrateHandler.DATABASE_URL, url);
        environment.put(DatabaseCredentials.USER, user);
        environment.put(DatabaseCredentials.PASSWORD, password);
        MigrateHandler handler = new MigrateHandler(environment::get, secretId -> {
            throw new AssertionError("no secret is named, none should be read");
        });

        Map<String, Object> first = handler.handleRequest(Map.of(), InvocationContext.of("products-migrate"));

        assertThat(first)
                .containsEntry("migrations_applied", SCRIPTS.size())
                .containsEntry("schema_version", LATEST_VERSION);
        assertTablesExist(url, user, password);

        Map<String, Object> second = handler.handleRequest(Map.of(), InvocationContext.of("products-migrate"));

        assertThat(second).containsEntry("migrations_applied", 0).containsEntry("schema_version", LATEST_VERSION);
    }

    /** Every table jOOQ generated from the same scripts exists (a query on it succeeds). */
    private static void assertTablesExist(String url, String user, String password) throws SQLException {
        List<String> tables = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .map(Table::getName)
                .toList();
        assertThat(tables).isNotEmpty();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.executeQuery("SELECT COUNT(*) FROM " + table).close();
            }
        }
    }

    private static String freshH2Url() {
        return "jdbc:h2:mem:migrate-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    }

    private static void shutDownH2(String url, String user, String password) throws SQLException {
        execute(url, user, password, "SHUTDOWN");
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> migrationScripts() {
        // SQL scripts, and Java migrations (db.migration.V*__*) for what SQL cannot compute.
        var resolver = new PathMatchingResourcePatternResolver();
        return Stream.of("sql", "class")
                .flatMap(kind -> {
                    try {
                        return Arrays.stream(resolver.getResources("classpath:db/migration/V*__*." + kind));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(Resource::getFilename)
                .sorted()
                .toList();
    }
}
