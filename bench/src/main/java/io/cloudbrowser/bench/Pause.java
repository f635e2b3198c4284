package io.cloudbrowser.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Lets wall-clock time pass where the passing time is the point: pacing between samples, measurement windows. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left); // may return early; the loop waits out the rest
        }
    }
}
