package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.protocol.token.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The session's open connections: who joins and leaves, messages to all of them, and what {@code /health} reports
 * about them. Safe from any thread; iteration sees a live view, so a client joining meanwhile may or may not be
 * included.
 */
public final class Clients {
    private final BrowserdConfig.Limits limits;
    private final Map<String, Client> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder droppedByGone = new LongAdder();

    public Clients(BrowserdConfig.Limits limits) {
        this.limits = limits;
    }

    /** Registers a new connection with its own message budget; it sees broadcasts from now on. */
    Client add(Principal principal, ClientSink sink, StreamPrefs prefs) {
        Client c = new Client("c" + ids.incrementAndGet(), principal, sink, prefs,
                limits.messagesPerSecond(), limits.messageBurst());
        byId.put(c.id(), c);
        return c;
    }

    /** Forgets a connection; false if it was already gone. Its dropped frames still count in {@link #framesDropped()}. */
    boolean remove(Client c) {
        if (byId.remove(c.id()) == null) {
            return false;
        }
        droppedByGone.add(c.sink().framesDropped());
        return true;
    }

    public int count() {
        return byId.size();
    }

    /** True when another connection would exceed {@code BROWSERD_MAX_CONNECTIONS}. */
    public boolean isFull() {
        return byId.size() >= limits.maxConnections();
    }

    /** A live view of the connections, for one pass over them. */
    Iterable<Client> all() {
        return byId.values();
    }

    void broadcast(String json) {
        for (Client c : byId.values()) {
            c.sink().send(json);
        }
    }

    /** Closes every connection authenticated with the token {@code tokenId}. */
    void closeThoseOfToken(String tokenId, int code, String reason) {
        for (Client c : byId.values()) {
            if (c.principal().tokenId().equals(tokenId)) {
                c.sink().close(code, reason);
            }
        }
    }

    void closeAll(int code, String reason) {
        for (Client c : byId.values()) {
            c.sink().close(code, reason);
        }
    }

    /** The largest unsent backlog of any client: bounded by the write buffer's high water mark plus one frame. */
    public long maxBacklogBytes() {
        long max = 0;
        for (Client c : byId.values()) {
            max = Math.max(max, c.sink().backlogBytes());
        }
        return max;
    }

    /** Frames that slow clients never got because a newer one replaced them, since the daemon started. */
    public long framesDropped() {
        long sum = droppedByGone.sum();
        for (Client c : byId.values()) {
            sum += c.sink().framesDropped();
        }
        return sum;
    }
}
