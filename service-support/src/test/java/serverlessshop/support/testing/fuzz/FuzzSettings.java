package serverlessshop.support.testing.fuzz;

import java.security.SecureRandom;

/**
 * How much to fuzz and with which seed. {@code SHOP_FUZZ_SEED=<n>} replays a run (the seed is
 * printed at the start of every run and with every failing case); {@code SHOP_SOAK=1} runs ten times
 * as many cases as {@code make test} does.
 */
public final class FuzzSettings {

    private static final long SEED = initialSeed();

    private FuzzSettings() {}

    public static long seed() {
        return SEED;
    }

    public static boolean soak() {
        return "1".equals(System.getenv("SHOP_SOAK"));
    }

    /** The short run's count, or ten times it under {@code SHOP_SOAK=1}. */
    public static int cases(int shortRun) {
        return soak() ? shortRun * 10 : shortRun;
    }

    private static long initialSeed() {
        String fixed = System.getenv("SHOP_FUZZ_SEED");
        if (fixed != null && !fixed.isBlank()) {
            return Long.parseLong(fixed.trim());
        }
        return new SecureRandom().nextLong() & Long.MAX_VALUE;
    }
}
