package io.cloudbrowser.controlplane.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.sandbox.BrowserdLink;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.protocol.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The MCP server's WebSockets to browserd, one per session, opened on a session's first tool call and shared by
 * every later one, from any MCP client of the same user: sessions outlive MCP connections, so a reconnecting agent
 * finds its session by id. A link closes when its session ends, or after a while unused.
 */
final class BrowserdLinks implements AutoCloseable {
    private static final Duration IDLE = Duration.ofMinutes(5);

    /** Callbacks run on the client's selector thread: no hand-off per message (results are small, parsing is quick). */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
    private final ObjectMapper json;
    private final Function<String, Optional<Sandbox>> readySandbox;
    private final Map<String, CompletableFuture<BrowserdLink>> links = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-links");
        t.setDaemon(true);
        return t;
    });

    BrowserdLinks(ObjectMapper json, Function<String, Optional<Sandbox>> readySandbox) {
        this.json = json;
        this.readySandbox = readySandbox;
        sweeper.scheduleWithFixedDelay(this::closeIdle, 30, 30, TimeUnit.SECONDS);
    }

    /**
     * The user's link to the session. A new one needs {@code controllerToken}, which is where ownership is checked
     * (the REST API's token route answers {@code session_not_found} for another user's session); an open link is
     * reused by its own user only.
     */
    CompletableFuture<BrowserdLink> link(String userId, String sessionId, Supplier<CompletableFuture<String>> controllerToken) {
        CompletableFuture<BrowserdLink> existing = links.get(sessionId);
        if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()) {
            BrowserdLink link = existing.join();
            if (link.isOpen() && link.userId().equals(userId)) {
                return existing;
            }
            if (link.isOpen()) { // another user's: let the API say session_not_found
                return controllerToken.get().thenCompose(t -> existing);
            }
            links.remove(sessionId, existing);
        } else if (existing != null && !existing.isDone()) {
            return existing.thenCompose(link -> link.userId().equals(userId) ? existing
                    : controllerToken.get().thenCompose(t -> existing));
        }
        CompletableFuture<BrowserdLink> opening = new CompletableFuture<>();
        CompletableFuture<BrowserdLink> raced = links.putIfAbsent(sessionId, opening);
        if (raced != null) {
            return link(userId, sessionId, controllerToken);
        }
        controllerToken.get().thenCompose(token -> {
            Sandbox sandbox = readySandbox.apply(sessionId).orElse(null);
            if (sandbox == null) {
                return CompletableFuture.failedFuture(new BrowserdLink.CommandError(ErrorCode.SESSION_NOT_ACTIVE,
                        "session " + sessionId + " is not ready"));
            }
            URI ws = URI.create(sandbox.baseUrl().replaceFirst("^http", "ws") + "/ws");
            return BrowserdLink.open(http, json, userId, ws, token);
        }).whenComplete((link, error) -> {
            if (error != null) {
                links.remove(sessionId, opening);
                opening.completeExceptionally(error);
                return;
            }
            link.closedFuture().thenRun(() -> links.remove(sessionId, opening));
            opening.complete(link);
        });
        return opening;
    }

    private void closeIdle() {
        long idle = IDLE.toNanos();
        links.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).filter(l -> l.idleNanos() > idle).forEach(BrowserdLink::close);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        links.values().forEach(f -> f.thenAccept(BrowserdLink::close));
        links.clear();
    }
}
