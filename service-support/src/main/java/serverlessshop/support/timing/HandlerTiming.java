package serverlessshop.support.timing;

/**
 * The handler's own time, for {@code make bench}: how long one invocation spent inside the Lambda
 * handler, and how much of it waiting on downstream calls (the database, DynamoDB, the products API),
 * so that the difference is what the Java code itself costs. Off unless the function runs with
 * {@code SHOP_BENCH_TIMING=true}; off, every method returns at once and nothing is printed.
 *
 * <p>One line per invocation on standard output, which is the function's log (CloudWatch in AWS,
 * the gateway's console locally): {@code SHOP_BENCH_TIMING handler_us=1234 downstream_us=800
 * downstream_calls=3}. A Lambda instance serves one invocation at a time, on the thread that called
 * the handler, so the downstream time is kept per thread.
 */
public final class HandlerTiming {

    /** What the benchmark looks for in the function's output. */
    public static final String MARKER = "SHOP_BENCH_TIMING";

    private static final boolean ENABLED = Boolean.parseBoolean(System.getenv("SHOP_BENCH_TIMING"));
    private static final ThreadLocal<Downstream> DOWNSTREAM = ThreadLocal.withInitial(Downstream::new);

    private HandlerTiming() {
    }

    /** Downstream time of the current invocation; {@code openedAt} is for calls timed by two callbacks. */
    private static final class Downstream {
        long nanos;
        int calls;
        long openedAt;
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** At the start of an invocation: its start time, 0 when timing is off. */
    public static long begin() {
        if (!ENABLED) {
            return 0;
        }
        Downstream downstream = DOWNSTREAM.get();
        downstream.nanos = 0;
        downstream.calls = 0;
        downstream.openedAt = 0;
        return System.nanoTime();
    }

    /** At the end of an invocation begun at {@code begin}: prints its line. */
    public static void end(long begin) {
        if (!ENABLED) {
            return;
        }
        long handler = System.nanoTime() - begin;
        Downstream downstream = DOWNSTREAM.get();
        System.out.println(line(handler, downstream.nanos, downstream.calls));
    }

    static String line(long handlerNanos, long downstreamNanos, int calls) {
        return MARKER + " handler_us=" + handlerNanos / 1_000 + " downstream_us=" + downstreamNanos / 1_000
                + " downstream_calls=" + calls;
    }

    /** A downstream call of {@code nanos} has just ended. */
    public static void downstream(long nanos) {
        if (ENABLED) {
            Downstream downstream = DOWNSTREAM.get();
            downstream.nanos += nanos;
            downstream.calls++;
        }
    }

    /** A downstream call starts now, and ends with {@link #downstreamEnded()} on the same thread. */
    public static void downstreamStarts() {
        if (ENABLED) {
            DOWNSTREAM.get().openedAt = System.nanoTime();
        }
    }

    public static void downstreamEnded() {
        if (ENABLED) {
            Downstream downstream = DOWNSTREAM.get();
            if (downstream.openedAt != 0) {
                downstream(System.nanoTime() - downstream.openedAt);
                downstream.openedAt = 0;
            }
        }
    }
}
