package io.cloudbrowser.browserd.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw TCP server on 127.0.0.1 for egress tests. It counts every connection it accepts, so a test can assert that a
 * refused destination was never even connected to; it echoes bytes, after answering a WebSocket handshake if asked.
 */
final class LoopbackServer implements AutoCloseable {
    enum Mode { TRAP, ECHO, WEBSOCKET }

    private static final Pattern WS_KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)");

    private final Mode mode;
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LoopbackServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "loopback-" + mode);
        t.setDaemon(true);
        t.start();
    }

    /** Unchecked, so that a test class can start one in a static initializer, before its daemon's pages exist. */
    static LoopbackServer start(Mode mode) {
        try {
            return new LoopbackServer(mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "loopback-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            if (mode == Mode.TRAP) {
                return;
            }
            if (mode == Mode.WEBSOCKET) {
                out.write(handshakeAnswer(readHead(in)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            in.transferTo(out);
        } catch (IOException e) {
            // the peer went away; nothing to record
        }
    }

    /** Reads an HTTP head, up to and including the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String handshakeAnswer(String request) {
        Matcher m = WS_KEY.matcher(request);
        String key = m.find() ? m.group(1) : "";
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
