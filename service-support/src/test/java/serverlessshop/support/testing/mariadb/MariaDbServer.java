package serverlessshop.support.testing.mariadb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of a test's own, on a free port with its data directory, socket and logs in a
 * directory of the run: for what the machine's shared server on 3306, which everyone's tests use,
 * cannot be changed for (stopped and started again, or given TLS with a test authority). Root has no
 * password and logs in over TCP.
 */
public final class MariaDbServer implements AutoCloseable {

    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    private final Path dir;
    private final int port;
    private final List<String> options;
    private Process process;

    private MariaDbServer(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    public static boolean installed() {
        return Files.isExecutable(INSTALL_DB) && Files.isExecutable(MARIADBD);
    }

    /** Skips the test, loudly, when there is no MariaDB to start; with {@code CI=true} fails it instead. */
    public static void assumeInstalled() {
        if (installed()) {
            return;
        }
        String message = "mariadbd is not installed (" + MARIADBD + ", " + INSTALL_DB + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": with CI=true this test may not be skipped");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
    }

    /**
     * A fresh data directory, then the server started on it with these options after the defaults
     * (mariadbd takes the last of an option given twice).
     */
    public static MariaDbServer create(Path dir, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process install = new ProcessBuilder(
                        INSTALL_DB.toString(),
                        "--no-defaults",
                        "--user=" + user(),
                        "--datadir=" + dir.resolve("data"),
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile())
                .start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed; see " + dir.resolve("install.log"));
        }
        MariaDbServer server = new MariaDbServer(dir, freePort(), List.of(options));
        server.start();
        return server;
    }

    /** Starts the server on its data directory and port, and waits until it listens. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                MARIADBD.toString(),
                "--no-defaults",
                "--user=" + user(),
                "--datadir=" + dir.resolve("data"),
                "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=16M",
                "--skip-log-bin"));
        command.addAll(options);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            // A TCP connect, not a login: mariadbd listens once it takes connections, and whether it
            // takes a given login (TLS and all) is for the test to find out.
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(
                            "mariadbd did not listen on port " + port + "; see " + dir.resolve("server.log"), e);
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

    public int port() {
        return port;
    }

    /** The JDBC URL of the server, without a database: MYSQL_URL's form. */
    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port;
    }

    /** A connection as root with this URL and its options (TLS and all); the driver is the caller's. */
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }

    /** Stops it and deletes its data (about 100 MB); its logs stay. */
    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
