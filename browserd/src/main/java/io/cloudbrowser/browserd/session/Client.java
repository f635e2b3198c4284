package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.screencast.Frame;
import io.cloudbrowser.protocol.token.Principal;
import io.cloudbrowser.protocol.token.Role;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/** One WebSocket connection as the session sees it: who it is, its stream settings, its message budget. */
public final class Client {
    private final String id;
    private final Principal principal;
    private final ClientSink sink;
    private final Bucket bucket;
    private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();
    private int refusals;
    private long windowStart = System.nanoTime();
    private volatile StreamPrefs prefs;
    private long offered;

    Client(String id, Principal principal, ClientSink sink, StreamPrefs prefs, int perSecond, int burst) {
        this.id = id;
        this.principal = principal;
        this.sink = sink;
        this.prefs = prefs;
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    public String id() {
        return id;
    }

    public Principal principal() {
        return principal;
    }

    boolean isController() {
        return principal.role() == Role.CONTROLLER;
    }

    ClientSink sink() {
        return sink;
    }

    StreamPrefs prefs() {
        return prefs;
    }

    void prefs(StreamPrefs next) {
        prefs = next;
    }

    /** Takes one message from the budget; false when over the rate. */
    boolean admit() {
        return bucket.tryConsume(1);
    }

    /** Counts a refused message; returns how many were refused in the current ten-second window. */
    synchronized int refused() {
        long now = System.nanoTime();
        if (now - windowStart > TEN_SECONDS) {
            windowStart = now;
            refusals = 0;
        }
        return ++refusals;
    }

    /** Called on the screencast's thread only. */
    void offer(Frame frame) {
        StreamPrefs p = prefs;
        if (p.paused() || offered++ % p.everyNthFrame() != 0) {
            return;
        }
        sink.offerFrame(frame, p.binary());
    }

    /** Offers a frame whatever {@code everyNthFrame} says: the current picture for a joining viewer. */
    void offerCurrent(Frame frame) {
        StreamPrefs p = prefs;
        if (!p.paused()) {
            sink.offerFrame(frame, p.binary());
        }
    }
}
