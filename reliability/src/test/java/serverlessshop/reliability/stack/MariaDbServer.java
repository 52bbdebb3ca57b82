package serverlessshop.reliability.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import serverlessshop.bench.FreePorts;

/**
 * A MariaDB server of the suite's own, on a free port with its data directory and socket in a
 * directory of the run, so that it can be stopped and started again without touching the machine's
 * shared server on 3306 that everyone's tests use.
 */
public final class MariaDbServer implements AutoCloseable {

    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    private final Path dir;
    private final int port;
    private Process process;

    private MariaDbServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(INSTALL_DB) && Files.isExecutable(MARIADBD);
    }

    /** A fresh data directory (root without a password, over TCP), then the server started on it. */
    public static MariaDbServer create(Path dir) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(dir);
        Process install = new ProcessBuilder(INSTALL_DB.toString(), "--no-defaults", "--user=" + user(),
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed; see " + dir.resolve("install.log"));
        }
        MariaDbServer server = new MariaDbServer(dir, FreePorts.one());
        server.start();
        return server;
    }

    /** Starts the server on its data directory and port, and waits until it takes connections. */
    public void start() throws IOException, InterruptedException, SQLException {
        process = new ProcessBuilder(List.of(MARIADBD.toString(), "--no-defaults", "--user=" + user(),
                "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--port=" + port, "--bind-address=127.0.0.1",
                "--skip-name-resolve", "--innodb-buffer-pool-size=32M", "--skip-log-bin"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection(serverUrl() + "/", "root", "")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mariadbd did not take connections on port " + port + "; see "
                            + dir.resolve("server.log"), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A clean shutdown (SIGTERM), as when an operator stops the database. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The JDBC URL of the server, without a database: MYSQL_URL's form. */
    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port;
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    /** Stops it and deletes its data (about 100 MB); its logs stay. */
    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
