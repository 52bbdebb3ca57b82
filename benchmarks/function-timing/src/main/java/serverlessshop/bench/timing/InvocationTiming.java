package serverlessshop.bench.timing;

/**
 * One invocation's time inside the function's handler and, of it, the time spent waiting on
 * downstream calls (the database, DynamoDB, the products API): the difference is what the Java code
 * itself costs. A Lambda instance serves one invocation at a time, on the thread that called the
 * handler, so the downstream time is kept per thread; calls outside an invocation (the Spring start in
 * the init phase) are not counted.
 *
 * <p>One line per invocation on standard output, the function's log, which the bench reads from the
 * local cloud's console: {@code SHOP_BENCH_TIMING handler_us=1234 downstream_us=800 downstream_calls=3}.
 */
public final class InvocationTiming {

    /** What the bench looks for in a function's output. */
    public static final String MARKER = "SHOP_BENCH_TIMING";

    private static final ThreadLocal<Downstream> DOWNSTREAM = ThreadLocal.withInitial(Downstream::new);

    private InvocationTiming() {}

    /** The current invocation's downstream time; {@code openedAt} is for calls timed by two callbacks. */
    private static final class Downstream {
        boolean inInvocation;
        long nanos;
        int calls;
        long openedAt;
    }

    /** At the start of an invocation: its start time. */
    public static long begin() {
        Downstream downstream = DOWNSTREAM.get();
        downstream.inInvocation = true;
        downstream.nanos = 0;
        downstream.calls = 0;
        downstream.openedAt = 0;
        return System.nanoTime();
    }

    /** At the end of an invocation begun at {@code begin}: its line. */
    public static String end(long begin) {
        long handler = System.nanoTime() - begin;
        Downstream downstream = DOWNSTREAM.get();
        downstream.inInvocation = false;
        return line(handler, downstream.nanos, downstream.calls);
    }

    static String line(long handlerNanos, long downstreamNanos, int calls) {
        return MARKER + " handler_us=" + handlerNanos / 1_000 + " downstream_us=" + downstreamNanos / 1_000
                + " downstream_calls=" + calls;
    }

    /** A downstream call of {@code nanos} has just ended. */
    public static void downstream(long nanos) {
        Downstream downstream = DOWNSTREAM.get();
        if (downstream.inInvocation) {
            downstream.nanos += nanos;
            downstream.calls++;
        }
    }

    /** A downstream call starts now, and ends with {@link #downstreamEnded()} on the same thread. */
    public static void downstreamStarts() {
        DOWNSTREAM.get().openedAt = System.nanoTime();
    }

    public static void downstreamEnded() {
        Downstream downstream = DOWNSTREAM.get();
        if (downstream.openedAt != 0) {
            downstream(System.nanoTime() - downstream.openedAt);
            downstream.openedAt = 0;
        }
    }
}
