package io.cloudbrowser.bench.latency;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures input to first changed frame: arm, mouse down, wait for the flipped frame, mouse up, pause. The pause
 * is randomised over one 60 Hz frame so inputs land at every phase of Chromium's frame clock, not one lucky one.
 */
public final class LatencySampler {
    private static final long TIMEOUT_MS = 3_000;
    private static final long GAP_MS = 60;
    private static final int GAP_JITTER_MS = 17;

    private final ChangeProbe probe;
    private int lost;

    public LatencySampler(ChangeProbe probe) {
        this.probe = probe;
    }

    /** Runs {@code count} samples on {@code target}; timeouts are counted in {@link #lost()} and left out. */
    public Series run(LatencyTarget target, int count) {
        long[] out = new long[count];
        long[] toSource = new long[count];
        int n = 0;
        int m = 0;
        for (int i = 0; i < count; i++) {
            ChangeProbe.Sample s = probe.arm();
            target.mouse("down");
            target.awaitUntil(s::done, TIMEOUT_MS);
            probe.disarm();
            target.mouse("up");
            if (s.done()) {
                out[n++] = s.changedNanos - s.startNanos;
                if (s.sourceMillis != 0) {
                    toSource[m++] = s.toSourceMicros() * 1000;
                }
            } else {
                lost++;
            }
            target.pause(GAP_MS + ThreadLocalRandom.current().nextInt(GAP_JITTER_MS));
        }
        return new Series(Arrays.copyOf(out, n), Arrays.copyOf(toSource, m));
    }

    /** Samples that saw no changed frame within the timeout, over every run. */
    public int lost() {
        return lost;
    }
}
