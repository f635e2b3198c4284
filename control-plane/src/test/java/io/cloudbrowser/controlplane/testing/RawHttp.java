package io.cloudbrowser.controlplane.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 request over a plain socket, for headers the JDK client refuses to send (Upgrade). */
public final class RawHttp {
    private RawHttp() {
    }

    /** The first bytes of the answer (the status line and headers at least). */
    public static String request(int port, String requestHead) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestHead + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[4096];
            int n = in.read(head);
            return n < 0 ? "" : new String(head, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String upgrade(int port, String path, String extraHeader) {
        return upgrade(port, "127.0.0.1:" + port, path, extraHeader);
    }

    /** A WebSocket upgrade request as a browser sends it, answered (101 or an error) and closed. */
    public static String upgrade(int port, String host, String path, String extraHeader) {
        return request(port, "GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" + (extraHeader.isEmpty() ? "" : "\r\n" + extraHeader));
    }
}
