package io.cloudbrowser.controlplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.protocol.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One WebSocket to a sandbox's browserd, opened with a controller token like any script's: the MCP server's link
 * to a session (shared by every MCP call on it) and a job runner's. Commands carry ids and their results are
 * matched back, so calls from several callers (a pending {@code handoff} and a {@code state}) travel side by side.
 * Frames are paused for this connection: agents and jobs read snapshots and screenshots, not the screencast.
 * Other events (console messages, page errors, a crash) go to the listener given at open.
 */
public final class BrowserdLink {
    /** A command's error as browserd answered it. */
    public static final class CommandError extends Exception {
        private final ErrorCode code;

        public CommandError(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectMapper json;
    private final String userId;
    private final Consumer<JsonNode> events;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    /** The last send: WebSocket.sendText may not be called again before the previous one completed. */
    private CompletableFuture<WebSocket> sending;
    private volatile long lastUsed = System.nanoTime();

    private BrowserdLink(ObjectMapper json, String userId, Consumer<JsonNode> events) {
        this.json = json;
        this.userId = userId;
        this.events = events;
    }

    /** Connects to {@code ws://host:port/ws} with the token; completes once browserd said {@code ready}. */
    public static CompletableFuture<BrowserdLink> open(HttpClient http, ObjectMapper json, String userId, URI ws,
                                                       String token) {
        return open(http, json, userId, ws, token, event -> { });
    }

    /** As {@link #open(HttpClient, ObjectMapper, String, URI, String)}; {@code events} gets every other event. */
    public static CompletableFuture<BrowserdLink> open(HttpClient http, ObjectMapper json, String userId, URI ws,
                                                       String token, Consumer<JsonNode> events) {
        BrowserdLink link = new BrowserdLink(json, userId, events);
        CompletableFuture<JsonNode> readyEvent = new CompletableFuture<>();
        link.pending.put("ready", readyEvent);
        CompletableFuture<WebSocket> connected = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .buildAsync(ws, link.new Listener())
                .thenApply(socket -> {
                    link.socket = socket;
                    link.sending = CompletableFuture.completedFuture(socket);
                    link.send("{\"type\":\"stream\",\"paused\":true}");
                    return socket;
                });
        return connected.thenCombine(readyEvent, (socket, ready) -> link)
                .orTimeout(CONNECT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> {
                    link.close();
                    return CompletableFuture.failedFuture(new CommandError(ErrorCode.SANDBOX_FAILED,
                            "cannot reach the session's browser: " + error.getMessage()));
                });
    }

    public String userId() {
        return userId;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    public long idleNanos() {
        return pending.isEmpty() ? System.nanoTime() - lastUsed : 0;
    }

    /** Sends one command; completes with its result, or fails with {@link CommandError}. */
    public CompletableFuture<JsonNode> command(String method, ObjectNode params) {
        lastUsed = System.nanoTime();
        String id = "m" + ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (!isOpen()) {
            result.completeExceptionally(gone());
            return result;
        }
        pending.put(id, result);
        ObjectNode msg = json.createObjectNode().put("id", id).put("type", "cmd").put("method", method);
        msg.set("params", params);
        send(msg.toString()).whenComplete((ws, e) -> {
            if (e != null || !isOpen()) {
                fail(id, gone());
            }
        });
        return result.whenComplete((r, e) -> lastUsed = System.nanoTime());
    }

    private synchronized CompletableFuture<WebSocket> send(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
        return sending;
    }

    public void close() {
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            s.abort();
        }
        shutDown();
    }

    private void onMessage(String text) {
        JsonNode msg;
        try {
            msg = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        String type = msg.path("type").asText();
        if (type.equals("result")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.path("id").asText());
            if (f == null) {
                return;
            }
            if (msg.path("ok").asBoolean()) {
                f.complete(msg.path("result"));
            } else {
                ErrorCode code = ErrorCode.fromWireName(msg.at("/error/code").asText()).orElse(ErrorCode.COMMAND_FAILED);
                f.completeExceptionally(new CommandError(code, msg.at("/error/message").asText()));
            }
        } else if (type.equals("event") && msg.path("name").asText().equals("ready")) {
            CompletableFuture<JsonNode> f = pending.remove("ready");
            if (f != null) {
                f.complete(msg);
            }
        } else if (type.equals("event")) {
            events.accept(msg);
        }
    }

    private void fail(String id, CommandError error) {
        CompletableFuture<JsonNode> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(error);
        }
    }

    private void shutDown() {
        closed.complete(null);
        for (String id : pending.keySet()) {
            fail(id, gone());
        }
    }

    private static CommandError gone() {
        return new CommandError(ErrorCode.SESSION_NOT_ACTIVE, "the connection to the session's browser closed (the session ended?)");
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            shutDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            shutDown();
        }
    }
}
