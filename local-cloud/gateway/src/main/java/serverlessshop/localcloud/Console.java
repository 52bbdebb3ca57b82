package serverlessshop.localcloud;

import java.io.PrintStream;

/**
 * One console for the gateway and every process it starts: each line is prefixed with where it
 * comes from ({@code products | ...}), like docker compose does, so interleaved logs stay readable.
 */
public final class Console {

    private static final PrintStream OUT = System.out;

    private Console() {}

    public static void line(String source, String text) {
        String prefixed = String.format("%-9s| %s", source, text);
        synchronized (OUT) {
            OUT.println(prefixed);
            OUT.flush();
        }
    }

    public static void gateway(String text) {
        line("gateway", text);
    }

    /** Lines printed as they are, without a prefix: the start-up summary. */
    public static void plain(String text) {
        synchronized (OUT) {
            OUT.println(text);
            OUT.flush();
        }
    }
}
