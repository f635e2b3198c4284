package io.cloudbrowser.browserd.screencast;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.cdp.CdpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The session's one CDP screencast. Every frame is acknowledged as soon as it is handed to the listener (the
 * per-connection keep-latest slots), never after a viewer has read it: Chromium stalls after three
 * unacknowledged frames, and one slow viewer must not slow the others.
 */
public final class Screencast {
    private static final Logger log = LoggerFactory.getLogger(Screencast.class);

    private final Consumer<Frame> listener;
    private final DoubleSupplier dpr;
    private final AtomicLong seq = new AtomicLong();
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private volatile long lastFrameAt;
    private volatile CdpClient cdp;
    private volatile ScreencastSettings settings;

    public Screencast(Consumer<Frame> listener, DoubleSupplier dpr, ScreencastSettings initial) {
        this.listener = listener;
        this.dpr = dpr;
        this.settings = initial;
    }

    /** Starts streaming from a (new) browser. */
    public void attach(CdpClient client) {
        this.cdp = client;
        client.on("Page.screencastFrame", this::onFrame);
        start(client, settings);
    }

    /** Restarts the screencast when the settings change. */
    public void configure(ScreencastSettings next) {
        if (next.equals(settings)) {
            return;
        }
        settings = next;
        restart();
    }

    /** What the screencast runs with now (or will, once attached). */
    public ScreencastSettings settings() {
        return settings;
    }

    /** Stops and starts the screencast with its settings: Chromium answers a start with the current picture. */
    public void restart() {
        CdpClient client = cdp;
        if (client != null) {
            ScreencastSettings s = settings;
            client.send("Page.stopScreencast").whenComplete((r, e) -> start(client, s));
        }
    }

    private static void start(CdpClient client, ScreencastSettings s) {
        client.send("Page.startScreencast", CdpClient.params().put("format", "jpeg").put("quality", s.quality())
                        .put("maxWidth", s.maxWidth()).put("maxHeight", s.maxHeight()).put("everyNthFrame", 1))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        log.warn("Page.startScreencast failed: {}", e.getMessage());
                    }
                });
    }

    private void onFrame(JsonNode params) {
        CdpClient client = cdp;
        client.send("Page.screencastFrameAck", CdpClient.params().put("sessionId", params.path("sessionId").asInt()));
        JsonNode meta = params.path("metadata");
        long now = System.currentTimeMillis();
        Frame frame = new Frame(seq.incrementAndGet(), params.path("data").asText(),
                (int) Math.round(meta.path("deviceWidth").asDouble()), (int) Math.round(meta.path("deviceHeight").asDouble()),
                dpr.getAsDouble(), now);
        recordFrame(now);
        listener.accept(frame);
    }

    private synchronized void recordFrame(long now) {
        lastFrameAt = now;
        recent.addLast(now);
        trim(now);
    }

    private void trim(long now) {
        while (!recent.isEmpty() && recent.peekFirst() <= now - 1000) {
            recent.removeFirst();
        }
    }

    /** Frames emitted by Chromium in the last second. */
    public synchronized double fps() {
        trim(System.currentTimeMillis());
        return recent.size();
    }

    public long framesEmitted() {
        return seq.get();
    }

    /** Epoch millis of the last frame, or 0 if none yet. */
    public long lastFrameAt() {
        return lastFrameAt;
    }
}
