package serverlessshop.reliability.faults;

/**
 * Products unreachable from orders, for the fault proxy orders calls products through: a share of
 * the stock calls (reserve, confirm, release) refused before they reach products, or made and their
 * answer lost; while an outage is on, every call is refused.
 */
public final class ProductsFaults extends SeededFaults {

    public ProductsFaults(long seed, double rate) {
        super(seed, rate);
    }

    @Override
    public FaultProxy.Decision decide(String head) {
        if (!enabled()) {
            return FaultProxy.Decision.PASS;
        }
        String call = head.substring(0, Math.max(0, head.indexOf(' '))) + " "
                + (head.contains("/confirm") ? "confirm" : head.contains("/release") ? "release" : "reserve");
        if (inOutage()) {
            return FaultProxy.Decision.refuse("products unreachable: " + call + " (outage)");
        }
        double roll = roll();
        if (roll >= rate()) {
            return FaultProxy.Decision.PASS;
        }
        return roll < rate() / 2
                ? FaultProxy.Decision.refuse("products unreachable: " + call)
                : FaultProxy.Decision.loseAnswer("products answer lost: " + call);
    }
}
