package io.cloudbrowser.bench.stream;

import io.cloudbrowser.bench.Pause;
import io.cloudbrowser.bench.client.BenchSocket;
import io.cloudbrowser.testing.DaemonAccess;
import io.cloudbrowser.testing.ReceivedFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts frames delivered to one client against frames Chromium emitted, on an animated page. The window is
 * bounded by frame seq numbers, not by clocks: emitted = last seq - first seq, delivered = frames received with a
 * seq after the first, so a frame in flight at either edge cannot skew the ratio.
 */
public final class FrameWindow {
    private record Seen(long seq, long wireBytes, long jpegBytes) {
    }

    private final BenchSocket socket;
    private final DaemonAccess daemon;
    private final List<Seen> seen = new ArrayList<>();
    private volatile boolean recording;

    public FrameWindow(BenchSocket socket, DaemonAccess daemon) {
        this.socket = socket;
        this.daemon = daemon;
    }

    /** Switches the connection to {@code binary} or JSON frames, warms up, then records one window. */
    public WindowResult run(boolean binary, int warmupSeconds, int windowSeconds) throws IOException {
        socket.onFrames(this::onFrame);
        socket.send(BenchSocket.obj().put("type", "stream").put("binary", binary));
        Pause.millis(warmupSeconds * 1000L);
        long before = daemon.health().path("framesEmitted").asLong();
        long start = System.nanoTime();
        recording = true;
        Pause.millis(windowSeconds * 1000L);
        recording = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = daemon.health().path("framesEmitted").asLong();
        socket.onFrames(f -> { });
        return summarise(seconds, after - before);
    }

    private synchronized void onFrame(ReceivedFrame f) {
        if (recording) {
            seen.add(new Seen(f.seq(), f.wireBytes(), f.jpeg().length));
        }
    }

    private synchronized WindowResult summarise(double seconds, long healthDelta) {
        if (seen.size() < 2) {
            return new WindowResult(0, 0, seconds, healthDelta, 0, 0);
        }
        long first = seen.get(0).seq();
        long last = seen.get(seen.size() - 1).seq();
        long delivered = 0;
        long wire = 0;
        long jpeg = 0;
        for (Seen s : seen.subList(1, seen.size())) {
            delivered++;
            wire += s.wireBytes();
            jpeg += s.jpegBytes();
        }
        seen.clear();
        return new WindowResult(delivered, last - first, seconds, healthDelta, wire, jpeg);
    }

}
