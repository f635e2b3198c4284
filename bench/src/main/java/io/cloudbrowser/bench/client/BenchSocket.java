package io.cloudbrowser.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A protocol client on the JDK's WebSocket, built to time things: every message is stamped on arrival, before
 * it is parsed, and frames go to one replaceable consumer instead of being kept.
 */
public final class BenchSocket implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, CompletableFuture<JsonNode>> results = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Long>> pongs = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Consumer<ReceivedFrame> frames = f -> { };
    private WebSocket ws;

    private BenchSocket() {
    }

    public static BenchSocket connect(String wsUrl, String token) throws IOException {
        BenchSocket s = new BenchSocket();
        s.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(wsUrl), new Receiver(s)).join();
        try {
            s.ready.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            s.close();
            throw new IOException("no ready event from " + wsUrl, e);
        }
        return s;
    }

    /** Frames go to {@code consumer}, called on the socket's reading thread, one at a time. */
    public void onFrames(Consumer<ReceivedFrame> consumer) {
        frames = consumer;
    }

    public void send(String json) {
        ws.sendText(json, true).join();
    }

    public void send(ObjectNode json) {
        send(json.toString());
    }

    /** Sends a command; the future completes with the whole result message, ok or not. */
    public CompletableFuture<JsonNode> command(String method, ObjectNode params) {
        String id = "b" + ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        results.put(id, f);
        ObjectNode msg = obj().put("id", id).put("type", "cmd").put("method", method);
        msg.set("params", params == null ? obj() : params);
        send(msg);
        return f;
    }

    /** Sends a command and waits for an ok result. */
    public JsonNode call(String method, ObjectNode params) throws IOException {
        JsonNode r = command(method, params).orTimeout(60, TimeUnit.SECONDS).join();
        if (!r.path("ok").asBoolean()) {
            throw new IOException(method + " failed: " + r.path("error"));
        }
        return r.path("result");
    }

    /** One protocol ping; returns the round trip in nanoseconds. */
    public long ping() {
        long t = System.nanoTime();
        CompletableFuture<Long> f = new CompletableFuture<>();
        pongs.put(t, f);
        send(obj().put("type", "ping").put("t", t));
        return f.orTimeout(10, TimeUnit.SECONDS).join() - t;
    }

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.abort();
        }
    }

    void onText(String text, long arrival) throws IOException {
        JsonNode n = JSON.readTree(text);
        switch (n.path("type").asText()) {
            case "frame" -> frames.accept(new ReceivedFrame(arrival, n.path("seq").asLong(), n.path("timestamp").asLong(),
                    Base64.getDecoder().decode(n.path("data").asText()), wireBytes(text.length())));
            case "result" -> complete(results.remove(n.path("id").asText()), n);
            case "pong" -> complete(pongs.remove(n.path("t").asLong()), arrival);
            case "event" -> {
                if ("ready".equals(n.path("name").asText())) {
                    ready.complete(n);
                }
            }
            default -> { }
        }
    }

    void onBinary(byte[] all, long arrival) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(all);
        int headerLength = b.getInt();
        JsonNode header = JSON.readTree(new String(all, 4, headerLength, StandardCharsets.UTF_8));
        byte[] jpeg = new byte[all.length - 4 - headerLength];
        System.arraycopy(all, 4 + headerLength, jpeg, 0, jpeg.length);
        frames.accept(new ReceivedFrame(arrival, header.path("seq").asLong(), header.path("timestamp").asLong(), jpeg, wireBytes(all.length)));
    }

    void onClosed(Throwable why) {
        ready.completeExceptionally(why);
        results.values().forEach(f -> f.completeExceptionally(why));
        pongs.values().forEach(f -> f.completeExceptionally(why));
    }

    /** Payload plus the RFC 6455 header of an unmasked server frame (2, 4 or 10 bytes by payload length). */
    static long wireBytes(long payload) {
        return payload + (payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10);
    }

    private static <T> void complete(CompletableFuture<T> f, T value) {
        if (f != null) {
            f.complete(value);
        }
    }

    /** Reassembles messages from the JDK's parts and stamps each on its last part. */
    private static final class Receiver implements WebSocket.Listener {
        private final BenchSocket socket;
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        Receiver(BenchSocket socket) {
            this.socket = socket;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long arrival = System.nanoTime();
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                handle(() -> socket.onText(s, arrival));
            }
            ws.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            long arrival = System.nanoTime();
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] all = binary.toByteArray();
                binary.reset();
                handle(() -> socket.onBinary(all, arrival));
            }
            ws.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            socket.onClosed(new IOException("closed " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            socket.onClosed(error);
        }

        private interface Handler {
            void run() throws IOException;
        }

        private static void handle(Handler h) {
            try {
                h.run();
            } catch (IOException e) {
                throw new IllegalStateException("browserd sent a message the benchmark cannot parse", e);
            }
        }
    }
}
