package serverlessshop.localcloud.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import serverlessshop.localcloud.process.JavaCommand;
import serverlessshop.localcloud.process.PrefixedOutput;
import serverlessshop.localcloud.process.ProcessTrees;

/**
 * DynamoDB Local in its own JVM (local-cloud/dynamodb-local), on 127.0.0.1 only. One shared
 * database whatever the credentials and region ({@code -sharedDb}), so the stack that creates the
 * tables and the functions that use them see the same ones; kept in files under the data folder, or
 * in memory.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private static final String RUNNER = "serverlessshop.dynamodblocal.LoopbackServerRunner";

    private final Process process;
    private final int port;

    private DynamoDbLocal(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param home    local-cloud/dynamodb-local/target (its lib/ and native/)
     * @param dataDir where the database files go, or null to keep everything in memory
     * @param workDir the process's working directory (DynamoDB Local writes a metadata file there)
     */
    public static DynamoDbLocal start(Path home, int port, Path dataDir, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                JavaCommand.java(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + home.resolve("native"),
                "-cp",
                home.resolve("lib") + "/*",
                RUNNER,
                "-port",
                String.valueOf(port),
                "-sharedDb",
                "-disableTelemetry"));
        if (dataDir == null) {
            command.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            command.addAll(List.of("-dbPath", dataDir.toString()));
        }
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        PrefixedOutput.forward(process, "dynamodb", line -> !line.isBlank() && !line.startsWith("SLF4J:"));
        return new DynamoDbLocal(process, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Waits until the port accepts connections; fails early when the process has died. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "DynamoDB Local exited with status " + process.exitValue() + " (see its output above)");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("DynamoDB Local did not open port " + port + " within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(10));
    }
}
