package serverlessshop.localcloud.mail;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import serverlessshop.localcloud.process.PrefixedOutput;
import serverlessshop.localcloud.process.ProcessTrees;

/**
 * The SES v2 emulator (the npm package aws-ses-v2-local, from the repository's node_modules), in a
 * Node process of its own on 127.0.0.1: it takes {@code SendEmail} as SES v2 does and keeps every
 * mail, shown on its page and as JSON at {@code /store}. Mails sent here reach nobody.
 */
public final class SesInbox implements AutoCloseable {

    public static final int DEFAULT_PORT = 8005;

    private static final String CLI = "node_modules/aws-ses-v2-local/dist/cli.js";

    private final Process process;
    private final int port;

    private SesInbox(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether the emulator is installed (npm ci) in this repository. */
    public static boolean installed(Path repo) {
        return Files.exists(repo.resolve(CLI));
    }

    /**
     * Started on this port, or on a free one when it is taken ({@link #port()} says which).
     *
     * @param port 0: a free one
     */
    public static SesInbox start(Path repo, int port) throws IOException {
        int chosen = free(port);
        Process process = new ProcessBuilder(List.of(
                        "node", repo.resolve(CLI).toString(), "--host", "127.0.0.1", "--port", String.valueOf(chosen)))
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        PrefixedOutput.forward(process, "mail", line -> !line.isBlank());
        return new SesInbox(process, chosen);
    }

    private static int free(int wanted) throws IOException {
        try (ServerSocket probe = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (BindException e) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            }
        }
    }

    public int port() {
        return port;
    }

    /** SES v2's endpoint for the SDK, and the inbox's page. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The page a person reads the mails on. */
    public String inboxUrl() {
        return "http://localhost:" + port + "/";
    }

    /** Waits until the port accepts connections; fails early when the process has died. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("aws-ses-v2-local exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("aws-ses-v2-local did not open port " + port + " within " + timeout.toSeconds() + " s");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(10));
    }
}
