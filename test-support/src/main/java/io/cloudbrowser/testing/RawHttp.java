package io.cloudbrowser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket to 127.0.0.1, with every header under the test's control. The JDK's
 * HttpClient refuses to set {@code Upgrade}, {@code Connection} and {@code Host}, and its WebSocket hides the body of
 * a refused handshake; this reads both, so a test can see a 401's JSON body and that no 101 was sent.
 */
public final class RawHttp {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** The answer to one request: status line, status, headers (lower-case names) and body. */
    public record Response(String statusLine, int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return WsClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The {@code error.code} of a JSON error body. */
        public String errorCode() {
            return json().at("/error/code").asText();
        }
    }

    /**
     * A WebSocket upgrade request for {@code pathAndQuery} as a browser sends it, with the extra headers (e.g.
     * Authorization, Origin; a {@code Host} among them replaces the default {@code 127.0.0.1:port}).
     */
    public static Response upgrade(int port, String pathAndQuery, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        all.put("Sec-WebSocket-Version", "13");
        all.putAll(headers);
        return exchange(port, "GET", pathAndQuery, all, "");
    }

    /**
     * Sends one request and reads the status line, headers and body. A {@code 101} answer has no body to read:
     * the socket is closed right after its headers, before any WebSocket traffic.
     */
    public static Response exchange(int port, String method, String pathAndQuery, Map<String, String> headers, String body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
            if (!headers.containsKey("Host")) {
                req.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        if (status == 101 || status == 204) {
            return new Response(statusLine, status, headers, "");
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
        byte[] bytes = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new Response(statusLine, status, headers, new String(bytes, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-headers after: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
