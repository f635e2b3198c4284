package io.cloudbrowser.bench.latency;

import java.util.function.BooleanSupplier;

/** Where input goes and how to wait for frames: browserd over its WebSocket, or Playwright in-process. */
public interface LatencyTarget {
    /** Sends a left-button mouse event ({@code down} or {@code up}) at the page's centre. */
    void mouse(String action);

    /**
     * Waits until {@code done} holds or the timeout passes, letting frames arrive meanwhile (Playwright delivers
     * events only while its owner thread is inside a Playwright call).
     */
    void awaitUntil(BooleanSupplier done, long timeoutMs);

    /** Lets time pass between samples, frames still arriving. */
    void pause(long millis);
}
