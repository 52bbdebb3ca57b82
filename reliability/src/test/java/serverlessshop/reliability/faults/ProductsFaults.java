package serverlessshop.reliability.faults;

import java.util.Random;

/**
 * Products unreachable from orders, for the fault proxy orders calls products through: a share of
 * the stock calls (reserve, confirm, release) refused before they reach products, or made and their
 * answer lost; while an outage is on, every call is refused.
 */
public final class ProductsFaults implements FaultProxy.Policy {

    private final Random random;
    private final double rate;
    private volatile boolean outage;
    private volatile boolean enabled = true;

    public ProductsFaults(long seed, double rate) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    public void outage(boolean on) {
        this.outage = on;
    }

    public void stop() {
        this.enabled = false;
        this.outage = false;
    }

    @Override
    public FaultProxy.Decision decide(String head) {
        if (!enabled) {
            return FaultProxy.Decision.PASS;
        }
        String call = head.substring(0, Math.max(0, head.indexOf(' '))) + " "
                + (head.contains("/confirm") ? "confirm" : head.contains("/release") ? "release" : "reserve");
        if (outage) {
            return FaultProxy.Decision.refuse("products unreachable: " + call + " (outage)");
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll >= rate) {
            return FaultProxy.Decision.PASS;
        }
        return roll < rate / 2 ? FaultProxy.Decision.refuse("products unreachable: " + call)
                : FaultProxy.Decision.loseAnswer("products answer lost: " + call);
    }
}
