package serverlessshop.reliability.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many faults of each kind a run injected. */
public final class FaultCounts {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public void add(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int of(String kind) {
        AtomicInteger count = counts.get(kind);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> byKind() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }
}
