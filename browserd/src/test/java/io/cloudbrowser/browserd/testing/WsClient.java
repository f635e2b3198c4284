package io.cloudbrowser.browserd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;


/** A protocol client for tests, on the JDK's WebSocket: records every message it receives. */
public final class WsClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket ws;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<JsonNode> frameHeaders = new CopyOnWriteArrayList<>();
    private final List<byte[]> binaryFrames = new CopyOnWriteArrayList<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private WsClient(WebSocket ws, Recorder recorder) {
        this.ws = ws;
        recorder.client = this;
    }

    public static WsClient connect(String wsUrl, String token) {
        return connect(wsUrl, Map.of("Authorization", "Bearer " + token));
    }

    /**
     * Connects with exactly these extra handshake headers (none: the token travels in {@code ?token=}, or not at
     * all). A refused handshake throws a CompletionException around a {@link WebSocketHandshakeException}.
     */
    public static WsClient connect(String wsUrl, Map<String, String> headers) {
        Recorder recorder = new Recorder();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        WebSocket ws = builder.buildAsync(URI.create(wsUrl), recorder).join();
        WsClient c = new WsClient(ws, recorder);
        recorder.flush();
        return c;
    }

    /** The HTTP status with which the server refused this handshake; fails if it was accepted. */
    public static int refusedStatus(String wsUrl, Map<String, String> headers) {
        try {
            connect(wsUrl, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake was accepted: " + wsUrl);
    }

    public void send(String json) {
        ws.sendText(json, true).join();
    }

    public void send(ObjectNode json) {
        send(json.toString());
    }

    public void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends a command and returns its id. */
    public String command(String method, ObjectNode params) {
        String id = "c" + ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("type", "cmd").put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        send(msg);
        return id;
    }

    /** Sends a command and waits for its result. */
    public JsonNode call(String method, ObjectNode params) {
        return result(command(method, params));
    }

    public JsonNode result(String id) {
        return await(m -> "result".equals(m.path("type").asText()) && id.equals(m.path("id").asText()), Duration.ofSeconds(40));
    }

    public JsonNode event(String name) {
        return await(m -> "event".equals(m.path("type").asText()) && name.equals(m.path("name").asText()), Duration.ofSeconds(20));
    }

    public JsonNode await(Predicate<JsonNode> p, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> messages.stream().anyMatch(p));
        return messages.stream().filter(p).findFirst().orElseThrow();
    }

    public List<JsonNode> messages() {
        return messages;
    }

    public int frameCount() {
        return frames.get();
    }

    public List<JsonNode> frameHeaders() {
        return frameHeaders;
    }

    public List<byte[]> binaryFrames() {
        return binaryFrames;
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        ws.abort();
    }

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final List<Runnable> early = new CopyOnWriteArrayList<>();
        private volatile WsClient client;


        synchronized void flush() {
            early.forEach(Runnable::run);
            early.clear();
        }

        private synchronized void deliver(Runnable r) {
            if (client == null) {
                early.add(r);
            } else {
                r.run();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                deliver(() -> client.onText(s));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] all = binary.toByteArray();
                binary.reset();
                deliver(() -> client.onBinary(all));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            deliver(() -> client.closeCode.complete(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            deliver(() -> client.closeCode.complete(-1));
        }
    }

    private void onText(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            if ("frame".equals(n.path("type").asText())) {
                frames.incrementAndGet();
                frameHeaders.add(n);
            } else {
                messages.add(n);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("server sent non-JSON text", e);
        }
    }

    private void onBinary(byte[] all) {
        ByteBuffer b = ByteBuffer.wrap(all);
        int len = b.getInt();
        try {
            frameHeaders.add(JSON.readTree(new String(all, 4, len, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad binary frame header", e);
        }
        byte[] jpeg = new byte[all.length - 4 - len];
        System.arraycopy(all, 4 + len, jpeg, 0, jpeg.length);
        binaryFrames.add(jpeg);
        if (binaryFrames.size() > 50) {
            binaryFrames.remove(0);
        }
        frames.incrementAndGet();
    }
}
