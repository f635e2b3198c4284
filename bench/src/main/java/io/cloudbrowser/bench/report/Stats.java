package io.cloudbrowser.bench.report;

import java.util.Arrays;

/** Percentiles of a series of durations in nanoseconds, reported in milliseconds. */
public final class Stats {
    private final long[] sorted;

    public Stats(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** Nearest-rank percentile: with 200 samples, p99 is the second largest. */
    public double ms(double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    public double p50() {
        return ms(50);
    }

    public double p99() {
        return ms(99);
    }

    public int count() {
        return sorted.length;
    }

    /** "p50 21.3 / p90 25.1 / p99 33.0 / max 40.2 ms (n=200)", for the notes under the table. */
    public String summary() {
        return String.format("p50 %.1f / p90 %.1f / p99 %.1f / max %.1f ms (n=%d)", p50(), ms(90), p99(), ms(100), count());
    }
}
