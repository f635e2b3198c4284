package io.cloudbrowser.bench.latency;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Latency samples in nanoseconds and, over browserd, the part of each up to browserd holding the frame (from
 * the frame header's millisecond timestamp, so +-1 ms each; the rest is browserd's delivery to the client).
 */
public record Series(long[] nanos, long[] toSourceNanos) {
    public static final Series EMPTY = new Series(new long[0], new long[0]);

    public Series plus(Series o) {
        return new Series(LongStream.concat(Arrays.stream(nanos), Arrays.stream(o.nanos)).toArray(),
                LongStream.concat(Arrays.stream(toSourceNanos), Arrays.stream(o.toSourceNanos)).toArray());
    }
}
