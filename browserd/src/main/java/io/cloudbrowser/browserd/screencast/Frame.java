package io.cloudbrowser.browserd.screencast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One screencast frame, shared by every connection. Each wire encoding is built at most once, on first use,
 * so ten viewers cost one encoding, not ten.
 *
 * @param cssWidth  the page viewport width in CSS pixels when the frame was drawn
 */
public final class Frame {
    private final long seq;
    private final String base64;
    private final int cssWidth;
    private final int cssHeight;
    private final double dpr;
    private final long timestamp;
    private volatile byte[] jsonMessage;
    private volatile byte[] binaryMessage;

    public Frame(long seq, String base64, int cssWidth, int cssHeight, double dpr, long timestamp) {
        this.seq = seq;
        this.base64 = base64;
        this.cssWidth = cssWidth;
        this.cssHeight = cssHeight;
        this.dpr = dpr;
        this.timestamp = timestamp;
    }

    public long seq() {
        return seq;
    }

    public int cssWidth() {
        return cssWidth;
    }

    public int cssHeight() {
        return cssHeight;
    }

    /** The text form: {@code {"type":"frame","format":"jpeg","data":"<base64>",...}}. */
    public byte[] jsonMessage() {
        byte[] m = jsonMessage;
        if (m == null) {
            String header = header();
            m = (header.substring(0, header.length() - 1) + ",\"data\":\"" + base64 + "\"}").getBytes(StandardCharsets.US_ASCII);
            jsonMessage = m;
        }
        return m;
    }

    /** The binary form: 4-byte big-endian header length, the JSON header without data, then the JPEG bytes. */
    public byte[] binaryMessage() {
        byte[] m = binaryMessage;
        if (m == null) {
            byte[] header = header().getBytes(StandardCharsets.US_ASCII);
            byte[] jpeg = Base64.getDecoder().decode(base64);
            m = ByteBuffer.allocate(4 + header.length + jpeg.length).putInt(header.length).put(header).put(jpeg).array();
            binaryMessage = m;
        }
        return m;
    }

    private String header() {
        return "{\"type\":\"frame\",\"format\":\"jpeg\",\"seq\":" + seq + ",\"viewport\":{\"w\":" + cssWidth + ",\"h\":"
                + cssHeight + ",\"dpr\":" + dprText() + "},\"timestamp\":" + timestamp + "}";
    }

    private String dprText() {
        return dpr == Math.rint(dpr) ? Long.toString((long) dpr) : Double.toString(dpr);
    }
}
