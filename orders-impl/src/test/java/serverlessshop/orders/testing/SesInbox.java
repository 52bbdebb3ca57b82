package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real SES v2 emulator (aws-ses-v2-local, the root's npm package, run with Node) on a free
 * port: it takes SendEmail as SES does and lists what it received at {@code GET /store}. It can be
 * stopped and started again on the same port, as SES being down and back.
 */
public final class SesInbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path cli;
    private final int port;
    private Process process;

    private SesInbox(Path cli, int port) {
        this.cli = cli;
        this.port = port;
    }

    /**
     * Starts it. Without the npm packages (no {@code npm ci}) the test is skipped, except on CI,
     * where it fails.
     */
    public static SesInbox start() {
        Path cli = repositoryRoot().resolve("node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.isRegularFile(cli)) {
            String missing = cli + " is missing: run npm ci at the repository's root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        }
        SesInbox inbox = new SesInbox(cli, freePort());
        inbox.up();
        return inbox;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Every mail it received since it last started. */
    public List<JsonNode> mails() {
        JsonNode store = get("/store");
        List<JsonNode> mails = new ArrayList<>();
        store.path("emails").forEach(mails::add);
        return mails;
    }

    /** The mails it received for this address. */
    public List<JsonNode> mailsTo(String address) {
        return mails().stream()
                .filter(mail -> {
                    for (JsonNode to : mail.path("destination").path("to")) {
                        if (address.equals(to.asText())) {
                            return true;
                        }
                    }
                    return false;
                })
                .toList();
    }

    /** SES is down: nothing listens on its port any more. */
    public synchronized void down() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Started (again) on its port, with an empty store. */
    public synchronized void up() {
        down();
        try {
            Path log = Path.of("target", "ses-inbox.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(
                            "node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SES emulator (node)", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-ses-inbox"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url() + "/health-check"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (!started.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the SES emulator did not start; see target/ses-inbox.log", e);
                }
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        down();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root: the first directory up from here with the root's package.json. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("package.json")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "not inside the repository: " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
