package serverlessshop.reliability.faults;

import java.util.Random;

/**
 * What the fault policies share: a seeded share of the calls that fail (the same seed, the same
 * choices), an outage that fails every call while it is on, and an end to all faults.
 */
public abstract class SeededFaults implements FaultProxy.Policy {

    private final Random random;
    private final double rate;
    private volatile boolean outage;
    private volatile boolean enabled = true;

    SeededFaults(long seed, double rate) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    public void outage(boolean on) {
        this.outage = on;
    }

    /** No more faults: the end of a run, before the databases are read. */
    public void stop() {
        this.enabled = false;
        this.outage = false;
    }

    boolean enabled() {
        return enabled;
    }

    boolean inOutage() {
        return outage;
    }

    double rate() {
        return rate;
    }

    /** The next choice, in [0, 1): below {@link #rate()}, the call fails. */
    double roll() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}
