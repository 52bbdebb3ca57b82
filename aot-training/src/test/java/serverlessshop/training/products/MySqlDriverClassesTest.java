package serverlessshop.training.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of Connector/J classes the products training loads ({@link AotTraining#MYSQL_DRIVER_CLASSES})
 * is what the driver loads when the same training runs against a real MySQL-protocol server: this
 * test runs it so, on the MariaDB at {@code MYSQL_URL}, with the JVM's class loading log, and compares.
 * It fails when the list is stale (a driver upgrade, another use of it); {@code
 * -Dtraining.classes.update=true} writes the list anew from the run. Without the server it is skipped,
 * loudly; with {@code CI=true} it fails instead.
 */
class MySqlDriverClassesTest {

    private static final Path LIST = Path.of("src/main/resources", AotTraining.MYSQL_DRIVER_CLASSES);
    /** A class+load log line: "[...][info][class,load] name source: ...". */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (com\\.mysql\\.cj\\.\\S+) source: ");

    private static final String SERVER_URL = System.getenv()
            .getOrDefault("MYSQL_URL", "jdbc:mysql://127.0.0.1:3306")
            .replaceAll("/+$", "");
    private static final String USER = System.getenv().getOrDefault("MYSQL_USER", "root");
    private static final String PASSWORD = System.getenv().getOrDefault("MYSQL_PASSWORD", "");

    @Test
    void theListIsWhatTheDriverLoadsAgainstARealServer(@TempDir Path dir) throws Exception {
        String database = "aot_training_" + ProcessHandle.current().pid();
        assumeServer();
        execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        TreeSet<String> loaded;
        try {
            loaded = loadedByTrainingOn(
                    SERVER_URL + "/" + database + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", dir);
        } finally {
            execute("DROP DATABASE IF EXISTS " + database);
        }

        assertThat(loaded)
                .as("the driver's classes of a real connection")
                .contains("com.mysql.cj.jdbc.ConnectionImpl", "com.mysql.cj.protocol.a.NativeProtocol");
        if (Boolean.getBoolean("training.classes.update")) {
            List<String> lines = new ArrayList<>();
            lines.add(
                    "# Written by MySqlDriverClassesTest (-Dtraining.classes.update=true): the Connector/J classes the");
            lines.add("# products training loads when it runs against MariaDB. Not edited by hand.");
            lines.addAll(loaded);
            Files.write(LIST, lines, StandardCharsets.UTF_8);
            return;
        }
        assertThat(AotTraining.mysqlDriverClasses())
                .as("%s against a real run's classes; -Dtraining.classes.update=true writes it anew", LIST)
                .containsExactlyElementsOf(loaded);
    }

    /** The products training on that database, in a JVM of its own that logs the classes it loads. */
    private static TreeSet<String> loadedByTrainingOn(String url, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("class-load.log");
        Path output = dir.resolve("training.out");
        Process training = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:file=" + log,
                        "-Dtraining.database.url=" + url,
                        "-Dtraining.database.user=" + USER,
                        "-Dtraining.database.password=" + PASSWORD,
                        "-cp",
                        System.getProperty("java.class.path"),
                        AotTraining.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!training.waitFor(5, TimeUnit.MINUTES)) {
            training.destroyForcibly().waitFor();
            throw new AssertionError("the training did not end within 5 minutes; see " + output);
        }
        String printed = Files.readString(output);
        assertThat(training.exitValue()).as(printed).isZero();
        assertThat(printed).as("every request of the training answered").doesNotContain("an event failed");
        TreeSet<String> loaded = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = LOADED.matcher(line);
            // Hidden classes (lambdas) have no name to load by: they cannot be listed.
            if (matcher.find() && !matcher.group(1).contains("/")) {
                loaded.add(matcher.group(1));
            }
        }
        return loaded;
    }

    private static void assumeServer() {
        try (Connection ignored = DriverManager.getConnection(SERVER_URL + "/", USER, PASSWORD)) {
            return;
        } catch (SQLException e) {
            String message = "MariaDB/MySQL at " + SERVER_URL + " is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": with CI=true this test may not be skipped", e);
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "/", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
