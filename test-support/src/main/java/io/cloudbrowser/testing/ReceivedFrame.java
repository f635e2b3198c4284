package io.cloudbrowser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/**
 * One screencast frame as a {@link WsClient} received it, in either format (docs/PROTOCOL.md section 3).
 *
 * @param header       a binary frame's JSON header, or a JSON frame's whole message ({@code data} included)
 * @param binaryJpeg   a binary frame's JPEG; null for a JSON frame, whose JPEG {@link #jpeg()} decodes on demand
 * @param arrivalNanos {@link System#nanoTime()} when its last byte had been read, before any parsing
 * @param wireBytes    what it cost on the socket: the WebSocket frame header plus the message payload
 */
public record ReceivedFrame(JsonNode header, byte[] binaryJpeg, long arrivalNanos, long wireBytes) {
    public boolean binary() {
        return binaryJpeg != null;
    }

    /** browserd's frame counter: one per frame Chromium emitted. */
    public long seq() {
        return header.path("seq").asLong();
    }

    /** Epoch milliseconds when browserd had the frame from Chromium. */
    public long timestamp() {
        return header.path("timestamp").asLong();
    }

    /** The JPEG; a JSON frame's base64 {@code data} is decoded on each call, so only callers who need it pay. */
    public byte[] jpeg() {
        return binary() ? binaryJpeg : Base64.getDecoder().decode(header.path("data").asText());
    }

    /** Payload plus the RFC 6455 header of an unmasked server frame (2, 4 or 10 bytes by payload length). */
    static long wireBytes(long payload) {
        return payload + (payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10);
    }
}
