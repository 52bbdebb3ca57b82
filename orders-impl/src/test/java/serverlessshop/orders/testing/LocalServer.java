package serverlessshop.orders.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A server the tests run in a JVM of its own (DynamoDB Local, the products service): started once
 * per test JVM on a free port, the first time a test asks for it, stopped by a shutdown hook; its
 * output goes to a log file under target/, quoted when it fails to start.
 */
final class LocalServer {

    private final String name;
    private final Path home;
    private final IntFunction<List<String>> arguments;
    private final Map<String, String> environment;

    private Process process;
    private int port;
    private boolean ready;

    /**
     * @param home      the directory its module builds; missing means the reactor did not build it
     * @param arguments the {@code java} arguments for a port
     */
    LocalServer(String name, Path home, IntFunction<List<String>> arguments, Map<String, String> environment) {
        this.name = name;
        this.home = home.toAbsolutePath().normalize();
        this.arguments = arguments;
        this.environment = environment;
    }

    /** Its port; starts it, without waiting for it, when it is not running yet. */
    synchronized int port() {
        if (process == null) {
            port = freePort();
            process = start();
        }
        return port;
    }

    /** Waits until {@code answers} holds, once; fails with the end of the log when it dies or takes too long. */
    synchronized void awaitReady(Duration timeout, BooleanSupplier answers) {
        port();
        Instant deadline = Instant.now().plus(timeout);
        while (!ready && !answers.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " did not answer within " + timeout + ":\n" + tail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        ready = true;
    }

    private Process start() {
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException(name + " is not built: " + home
                    + " is missing. Build with the reactor: ./mvnw -pl orders-impl -am install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments.apply(port));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of("target").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log().getParent());
            Process started = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "stop-" + name));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return Path.of("target", name + ".log").toAbsolutePath();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
