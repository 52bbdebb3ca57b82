package serverlessshop.localcloud.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import serverlessshop.localcloud.Console;

/** Copies a child process's output to the console, line by line, prefixed with the process's name. */
public final class PrefixedOutput {

    private PrefixedOutput() {}

    /** Starts copying on a virtual thread, which ends with the process; {@code shown} filters noise. */
    public static void forward(Process process, String source, Predicate<String> shown) {
        Thread.ofVirtual().name(source + "-output").start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (shown.test(line)) {
                        Console.line(source, line);
                    }
                }
            } catch (IOException e) {
                // The process is gone, and its output with it.
            }
        });
    }
}
