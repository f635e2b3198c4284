package io.cloudbrowser.bench.stream;

/**
 * One frame-delivery window.
 *
 * @param delivered    frames the client received with a seq inside the window
 * @param emitted      frames Chromium emitted inside the window (browserd's seq counter, one per screencast frame)
 * @param seconds      the window's length
 * @param healthDelta  /health framesEmitted after minus before the window: a cross-check of {@code emitted}
 * @param wireBytes    sum over delivered frames of WebSocket header plus message payload
 * @param jpegBytes    sum over delivered frames of the JPEG payload
 */
public record WindowResult(long delivered, long emitted, double seconds, long healthDelta, long wireBytes, long jpegBytes) {
    public double ratio() {
        return emitted == 0 ? 0 : (double) delivered / emitted;
    }

    public double fps() {
        return emitted / seconds;
    }

    /** Wire bytes over JPEG bytes, minus one: 0.01 is 1% overhead. */
    public double overhead() {
        return jpegBytes == 0 ? Double.NaN : (double) wireBytes / jpegBytes - 1;
    }

    public double jpegPerFrame() {
        return delivered == 0 ? 0 : (double) jpegBytes / delivered;
    }

    public double wirePerFrame() {
        return delivered == 0 ? 0 : (double) wireBytes / delivered;
    }
}
