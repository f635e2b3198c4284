package io.cloudbrowser.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slowloris client: it opens a connection and sends a request one byte per interval (or nothing at all), and
 * records what the server answered and whether it closed the connection. The pacing is the attack itself.
 */
public final class SlowlorisClient implements AutoCloseable {
    private final Socket socket;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slowloris");
        t.setDaemon(true);
        return t;
    });
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean closedByServer;

    private SlowlorisClient(Socket socket) {
        this.socket = socket;
    }

    /** Sends {@code request} one byte every {@code every}; an empty request sends nothing. */
    public static SlowlorisClient start(String host, int port, String request, Duration every) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        SlowlorisClient c = new SlowlorisClient(socket);
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        if (bytes.length > 0) {
            c.pacer.scheduleAtFixedRate(() -> {
                int i = c.sent.get();
                if (i < bytes.length && !socket.isClosed()) {
                    try {
                        out.write(bytes[i]);
                        out.flush();
                        c.sent.incrementAndGet();
                    } catch (IOException e) {
                        c.closedByServer = true;
                    }
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        Thread reader = new Thread(c::read, "slowloris-reader");
        reader.setDaemon(true);
        reader.start();
        return c;
    }

    private void read() {
        try (InputStream in = socket.getInputStream()) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (received) {
                    received.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // reset by the server: closed all the same
        }
        closedByServer = true;
    }

    public boolean closedByServer() {
        return closedByServer;
    }

    /** Bytes of the request sent so far. */
    public int sent() {
        return sent.get();
    }

    /** Whether the server closed the connection with 408 {@code request_timeout} before the request was complete. */
    public boolean timedOutBy(int requestLength) {
        String answer = received();
        return closedByServer && sent() < Math.max(1, requestLength) && answer.startsWith("HTTP/1.1 408 ")
                && answer.contains("\"request_timeout\"");
    }

    /** What the server wrote before it closed. */
    public String received() {
        synchronized (received) {
            return received.toString(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() throws IOException {
        pacer.shutdownNow();
        socket.close();
    }
}
