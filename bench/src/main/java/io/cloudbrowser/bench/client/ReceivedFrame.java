package io.cloudbrowser.bench.client;

/**
 * One screencast frame as the benchmark client received it.
 *
 * @param arrivalNanos {@link System#nanoTime()} when its last byte had been read, before any parsing
 * @param seq          browserd's frame counter (one per frame Chromium emitted)
 * @param sourceMillis the frame's {@code timestamp}: epoch millis when browserd received it from Chromium
 * @param jpeg         the JPEG payload
 * @param wireBytes    what it cost on the socket: WebSocket frame header plus message payload
 */
public record ReceivedFrame(long arrivalNanos, long seq, long sourceMillis, byte[] jpeg, long wireBytes) {
}
