package io.cloudbrowser.bench.latency;

import io.cloudbrowser.bench.Pause;
import io.cloudbrowser.bench.client.BenchSocket;

import java.util.function.BooleanSupplier;

/**
 * Input through browserd: protocol {@code input} messages on the WebSocket; frames reach the probe from the
 * socket's reading thread, stamped there, and wake this thread when the changed one is in.
 */
public final class BrowserdTarget implements LatencyTarget {
    private final BenchSocket socket;
    private final ChangeProbe probe;
    private final int x;
    private final int y;

    public BrowserdTarget(BenchSocket socket, ChangeProbe probe, int x, int y) {
        this.socket = socket;
        this.probe = probe;
        this.x = x;
        this.y = y;
        socket.onFrames(f -> probe.onFrame(f.arrivalNanos(), f.timestamp(), f.jpeg()));
    }

    @Override
    public void mouse(String action) {
        socket.send(BenchSocket.obj().put("type", "input").put("device", "mouse").put("action", action)
                .put("x", x).put("y", y).put("button", "left").put("clickCount", 1));
    }

    @Override
    public void awaitUntil(BooleanSupplier done, long timeoutMs) {
        probe.await(done, timeoutMs);
    }

    @Override
    public void pause(long millis) {
        Pause.millis(millis);
    }
}
