package serverlessshop.bench;

import java.util.Locale;

/**
 * One line of the results table: a figure, its baseline measured in the same run, their ratio
 * (measured ÷ baseline), the goal and whether this run met it.
 *
 * @param met null when the figure has no goal
 */
record Row(String section, String figure, String measured, String baseline, String ratio, String goal, Boolean met) {

    String verdict() {
        return met == null ? "" : met ? "met" : "NOT MET";
    }

    /** A duration in microseconds as people read it: 850 µs, 12.3 ms, 1.23 s. */
    static String duration(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, micros < 100_000 ? "%.1f ms" : "%.0f ms", micros / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
    }

    /** measured ÷ baseline, with how many times faster (or smaller) when below 1. */
    static String ratio(double measured, double baseline) {
        if (baseline <= 0 || measured < 0) {
            return "n/a";
        }
        double ratio = measured / baseline;
        String text = String.format(Locale.ROOT, "%.2f", ratio);
        if (ratio > 0 && ratio < 0.95) {
            text += String.format(Locale.ROOT, " (%.1f× less)", 1 / ratio);
        }
        return text;
    }
}
