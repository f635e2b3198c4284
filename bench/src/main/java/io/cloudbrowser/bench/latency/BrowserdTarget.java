package io.cloudbrowser.bench.latency;

import io.cloudbrowser.bench.Pause;
import io.cloudbrowser.bench.client.BenchSocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Input through browserd: protocol {@code input} messages on the WebSocket; frames reach the probe from the
 * socket's reading thread, stamped there, so how often this thread polls does not change the figure.
 */
public final class BrowserdTarget implements LatencyTarget {
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final BenchSocket socket;
    private final int x;
    private final int y;

    public BrowserdTarget(BenchSocket socket, ChangeProbe probe, int x, int y) {
        this.socket = socket;
        this.x = x;
        this.y = y;
        socket.onFrames(f -> probe.onFrame(f.arrivalNanos(), f.sourceMillis(), f.jpeg()));
    }

    @Override
    public void mouse(String action) {
        socket.send(BenchSocket.obj().put("type", "input").put("device", "mouse").put("action", action)
                .put("x", x).put("y", y).put("button", "left").put("clickCount", 1));
    }

    @Override
    public void awaitUntil(BooleanSupplier done, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public void pause(long millis) {
        Pause.millis(millis);
    }
}
