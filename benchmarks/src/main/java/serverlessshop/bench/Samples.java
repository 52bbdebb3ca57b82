package serverlessshop.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Measured values (durations in microseconds, or megabytes), sorted once, with the statistics the
 * report uses. Percentiles are nearest-rank (the smallest value with at least p% of the samples at or
 * below it), so every figure is a value that was actually measured, never an interpolation.
 */
public final class Samples {

    private final long[] sorted;

    private Samples(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public static Samples of(long... values) {
        return new Samples(values);
    }

    public static Samples of(Collection<Long> values) {
        return new Samples(values.stream().mapToLong(Long::longValue).toArray());
    }

    public int count() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** @param percent in (0, 100] */
    public long percentile(double percent) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long median() {
        return percentile(50);
    }

    public long max() {
        return percentile(100);
    }

    public long min() {
        return sorted[0];
    }
}
