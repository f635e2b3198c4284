package io.cloudbrowser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A protocol client on the JDK's WebSocket, for every module's tests and the benchmark. It keeps every message that
 * is not a frame (tests wait for them with Awaitility), counts frames, keeps their sequence numbers and the latest
 * {@value FrameLog#KEPT} frames (noisy pages send large ones), and can stop reading like a stalled viewer.
 *
 * <p>For timing, each message is stamped on arrival before it is parsed, and two hooks run on the socket's reading
 * thread without any polling: {@link #expect} completes with the next matching message, {@link #onFrame} sees every
 * frame as it arrives.
 */
public final class WsClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    /** A message that is not a frame, with {@link System#nanoTime()} when its last byte had been read. */
    public record Received(JsonNode message, long arrivalNanos) {
    }

    private record Expectation(Predicate<JsonNode> match, CompletableFuture<Received> future) {
    }

    private final List<JsonNode> messages = new ArrayList<>();
    private final FrameLog frames = new FrameLog();
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean paused;
    private volatile WebSocket ws;

    private WsClient() {
    }

    /** Connects with the token in an {@code Authorization} header. */
    public static WsClient connect(String wsUrl, String token) {
        return connect(wsUrl, Map.of("Authorization", "Bearer " + token));
    }

    /**
     * Connects with exactly these extra handshake headers (none: the token travels in {@code ?token=}, or not at
     * all). A refused handshake throws a CompletionException around a {@link WebSocketHandshakeException}.
     */
    public static WsClient connect(String wsUrl, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.ws = builder.buildAsync(URI.create(wsUrl), client.new Receiver()).join();
        return client;
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

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    public void send(String text) {
        ws.sendText(text, true).join();
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
        send(commandMessage(id, method, params));
        return id;
    }

    /** Sends a command; the future completes on the reading thread with its whole result message, ok or not. */
    public CompletableFuture<JsonNode> commandAsync(String method, ObjectNode params) {
        String id = "c" + ids.incrementAndGet();
        CompletableFuture<Received> result = expect(isResult(id));
        send(commandMessage(id, method, params));
        return result.thenApply(Received::message);
    }

    /** Sends a command and waits for its result message. */
    public JsonNode call(String method, ObjectNode params) {
        return result(command(method, params));
    }

    /** Sends a command that must succeed; returns its {@code result}. */
    public JsonNode ok(String method, ObjectNode params) {
        JsonNode r = call(method, params);
        if (!r.path("ok").asBoolean()) {
            throw new AssertionError(method + " failed: " + r);
        }
        return r.path("result");
    }

    /** Sends a command that must fail; returns its error code. */
    public String errorCode(String method, ObjectNode params) {
        JsonNode r = call(method, params);
        if (r.path("ok").asBoolean()) {
            throw new AssertionError(method + " should fail: " + r);
        }
        return r.at("/error/code").asText();
    }

    public JsonNode result(String id) {
        return result(id, RESULT_TIMEOUT);
    }

    public JsonNode result(String id, Duration timeout) {
        return await(isResult(id), timeout);
    }

    /** The first event of that name, received already or within 20 seconds. */
    public JsonNode event(String name) {
        return await(m -> "event".equals(m.path("type").asText()) && name.equals(m.path("name").asText()), EVENT_TIMEOUT);
    }

    /** The first message received so far or within {@code timeout} that matches. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> messages().stream().anyMatch(match));
        return messages().stream().filter(match).findFirst().orElseThrow();
    }

    /**
     * The next message that matches, from now on (register before sending what it answers); completed on the
     * reading thread, or exceptionally when the connection ends first.
     */
    public CompletableFuture<Received> expect(Predicate<JsonNode> match) {
        CompletableFuture<Received> future = new CompletableFuture<>();
        expectations.add(new Expectation(match, future));
        if (closeCode.isDone()) {
            future.completeExceptionally(new IllegalStateException("the connection has ended"));
        }
        return future;
    }

    /** Every message so far that is not a frame, in arrival order. */
    public List<JsonNode> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public int frameCount() {
        return frames.count();
    }

    /** Sequence numbers of every frame received, in order. */
    public List<Long> frameSeqs() {
        return frames.seqs();
    }

    /** The latest frames received (at most {@value FrameLog#KEPT}), oldest first. */
    public List<ReceivedFrame> frames() {
        return frames.latest();
    }

    /** The latest frame received, or null before the first. */
    public ReceivedFrame latestFrame() {
        return frames.last();
    }

    /** Every frame from now on also goes to {@code listener}, called on the reading thread, one at a time. */
    public void onFrame(Consumer<ReceivedFrame> listener) {
        frames.listener(listener);
    }

    /** Stops asking for messages: the client stops reading its socket, like a stalled viewer. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        ws.request(1);
    }

    /** The close code the server sent, or -1 when the connection failed. */
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        WebSocket socket = ws;
        if (socket != null) {
            socket.abort();
        }
    }

    private static Predicate<JsonNode> isResult(String id) {
        return m -> "result".equals(m.path("type").asText()) && id.equals(m.path("id").asText());
    }

    private static ObjectNode commandMessage(String id, String method, ObjectNode params) {
        ObjectNode message = obj().put("id", id).put("type", "cmd").put("method", method);
        message.set("params", params == null ? obj() : params);
        return message;
    }

    private void onText(String text, long arrivalNanos) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the server sent text that is not JSON", e);
        }
        if ("frame".equals(message.path("type").asText())) {
            frames.add(new ReceivedFrame(message, null, arrivalNanos, ReceivedFrame.wireBytes(text.length())));
            return;
        }
        synchronized (messages) {
            messages.add(message);
        }
        for (Expectation e : expectations) {
            if (e.match().test(message)) {
                expectations.remove(e);
                e.future().complete(new Received(message, arrivalNanos));
            }
        }
    }

    /** A binary frame: a 4-byte big-endian header length, the JSON header, the JPEG. */
    private void onBinary(byte[] all, long arrivalNanos) {
        int headerLength = ByteBuffer.wrap(all).getInt();
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 4, headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("bad binary frame header", e);
        }
        byte[] jpeg = new byte[all.length - 4 - headerLength];
        System.arraycopy(all, 4 + headerLength, jpeg, 0, jpeg.length);
        frames.add(new ReceivedFrame(header, jpeg, arrivalNanos, ReceivedFrame.wireBytes(all.length)));
    }

    private void onClosed(int code, Throwable why) {
        closeCode.complete(code);
        for (Expectation e : expectations) {
            expectations.remove(e);
            e.future().completeExceptionally(why);
        }
    }

    /** Reassembles messages from the JDK's parts and stamps each on its last part. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long arrival = System.nanoTime();
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                WsClient.this.onText(message, arrival);
            }
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            long arrival = System.nanoTime();
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] message = binary.toByteArray();
                binary.reset();
                WsClient.this.onBinary(message, arrival);
            }
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onClosed(statusCode, new IOException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onClosed(-1, error);
        }

        private void requestMore(WebSocket webSocket) {
            if (!paused) {
                webSocket.request(1);
            }
        }
    }
}
