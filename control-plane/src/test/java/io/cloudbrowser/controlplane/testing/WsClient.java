package io.cloudbrowser.controlplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A WebSocket client of the protocol (JDK's), collecting text messages; frames are only counted. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final List<Long> frameSeqs = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsClient() {
    }

    /** Connects with the token in an Authorization header. */
    public static WsClient connect(String wsUrl, String token) {
        WsClient client = new WsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl), client).join();
        return client;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for the first text message that matches and returns it. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> messages.stream().anyMatch(match));
        return messages.stream().filter(match).findFirst().orElseThrow();
    }

    public JsonNode awaitResult(String id) {
        return await(m -> "result".equals(m.path("type").asText()) && id.equals(m.path("id").asText()),
                Duration.ofSeconds(30));
    }

    public int frameCount() {
        return frames.get();
    }

    /** Sequence numbers of the text frames received, in order. */
    public List<Long> frameSeqs() {
        return List.copyOf(frameSeqs);
    }

    /** Stops asking for messages: the client stops reading its socket, like a stalled viewer. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        socket.request(1);
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                if ("frame".equals(message.path("type").asText())) {
                    frames.incrementAndGet();
                    frameSeqs.add(message.path("seq").asLong());
                } else {
                    messages.add(message);
                }
            } catch (IOException e) {
                messages.add(JSON.createObjectNode().put("type", "unparsable"));
            }
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            frames.incrementAndGet();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
