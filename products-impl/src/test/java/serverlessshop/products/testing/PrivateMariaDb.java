package serverlessshop.products.testing;

import java.io.IOException;
import java.net.ServerSocket;
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
 * A MariaDB server of a test's own (as the reliability suite's MariaDbServer), on a free port with
 * its data in a directory of the run, for what the shared server on 3306 cannot be changed for:
 * here, TLS with a test certificate authority. Without mariadbd the test is skipped, loudly; with
 * {@code CI=true} it fails instead.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    private final Path dir;
    private final int port;
    private final Process process;

    private PrivateMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Installs a fresh data directory (root without a password, over TCP) and starts the server with these options. */
    public static PrivateMariaDb start(Path dir, List<String> options) throws IOException, InterruptedException {
        if (!Files.isExecutable(INSTALL_DB) || !Files.isExecutable(MARIADBD)) {
            String message = "mariadbd is not installed (" + MARIADBD + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": with CI=true this test may not be skipped");
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
        Files.createDirectories(dir);
        String user = System.getProperty("user.name");
        Process install = new ProcessBuilder(INSTALL_DB.toString(), "--no-defaults", "--user=" + user,
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed; see " + dir.resolve("install.log"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--user=" + user,
                "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--port=" + port, "--bind-address=127.0.0.1",
                "--skip-name-resolve", "--innodb-buffer-pool-size=16M", "--skip-log-bin"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        PrivateMariaDb server = new PrivateMariaDb(dir, port, process);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            // A TCP connect: whether the server takes TLS logins is what the tests find out.
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mariadbd did not listen on port " + port + "; see " + dir.resolve("server.log"), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A connection as root to this server, with the URL's options (TLS and all). */
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
