package io.cloudbrowser.bench.latency;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Watches frames of the latency page (all black or all white; every mousedown flips it) and tells when the
 * first frame showing the flip arrived. Frames may come from any one thread at a time.
 */
public final class ChangeProbe {
    /** One armed measurement: started just before the input was sent, done when the flipped frame arrived. */
    static final class Sample {
        final long startNanos = System.nanoTime();
        final long startEpochMicros = micros(Instant.now());
        final boolean expectWhite;
        volatile long sourceMillis;
        volatile long changedNanos;

        Sample(boolean expectWhite) {
            this.expectWhite = expectWhite;
        }

        boolean done() {
            return changedNanos != 0;
        }

        /** From input sent to browserd holding the changed frame, in micros (1 ms resolution); needs sourceMillis. */
        long toSourceMicros() {
            return sourceMillis * 1000 - startEpochMicros;
        }

        private static long micros(Instant t) {
            return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
        }
    }

    private final AtomicReference<Sample> armed = new AtomicReference<>();
    private final Object frames = new Object();
    private volatile boolean lastWhite;

    /** Arms a sample expecting the opposite of what the page last showed; call right before sending input. */
    Sample arm() {
        Sample s = new Sample(!lastWhite);
        armed.set(s);
        return s;
    }

    void disarm() {
        armed.set(null);
    }

    /**
     * A frame arrived at {@code arrivalNanos} (stamped by the caller before anything else).
     *
     * @param sourceMillis epoch millis when browserd had the frame from Chromium, 0 when there is no browserd
     */
    public void onFrame(long arrivalNanos, long sourceMillis, byte[] jpeg) {
        boolean white = ProbeColour.isWhite(jpeg);
        lastWhite = white;
        Sample s = armed.get();
        if (s != null && arrivalNanos >= s.startNanos && white == s.expectWhite && !s.done()) {
            s.sourceMillis = sourceMillis;
            s.changedNanos = arrivalNanos;
            synchronized (frames) {
                frames.notifyAll();
            }
        }
    }

    /**
     * Blocks until {@code done} holds or the timeout passes, woken by the frame that completes a sample. No
     * polling: a thread spinning every few hundred microseconds would take CPU from the processes under test.
     */
    void await(BooleanSupplier done, long timeoutMs) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (frames) {
            for (long left = end - System.nanoTime(); !done.getAsBoolean() && left > 0; left = end - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(frames, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
