package io.cloudbrowser.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's 1-minute load average at each phase. The figures compare browserd with a baseline taken in the
 * same run, so shared load hits both, but tails (p99) and frame rates are only meaningful on a quiet machine:
 * the summary says when the run shared its cores with other work.
 */
public final class LoadWatch {
    private final int cores = Runtime.getRuntime().availableProcessors();
    private double min = Double.MAX_VALUE;
    private double max;

    /** Reads the load now; returns it for progress lines. */
    public double sample() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            min = Math.min(min, load);
            max = Math.max(max, load);
            return load;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public String summary() {
        String verdict = max > cores ? "BUSY: other work competed for the cores, so tails and fps are pessimistic; "
                + "rerun on a quiet machine before trusting a FAIL" : "quiet enough";
        return String.format("machine load (1-min average, %d cores) during the run: %.1f .. %.1f, %s", cores, min, max, verdict);
    }
}
