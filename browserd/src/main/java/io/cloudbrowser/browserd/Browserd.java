package io.cloudbrowser.browserd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.auth.TokenVerifier;
import io.cloudbrowser.browserd.auth.VerifierWarmup;
import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.config.Viewport;
import io.cloudbrowser.browserd.display.Xvfb;
import io.cloudbrowser.browserd.protocol.ErrorCode;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;
import io.cloudbrowser.browserd.server.BrowserdServer;
import io.cloudbrowser.browserd.server.DaemonAdmin;
import io.cloudbrowser.browserd.session.Activity;
import io.cloudbrowser.browserd.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires one daemon: Xvfb (when there is no display), the browser, the session and the server. Owns the
 * ordered shutdown; {@link #exitCode()} completes when the daemon has ended, whatever ended it.
 */
public final class Browserd implements DaemonAdmin {
    private static final Logger log = LoggerFactory.getLogger(Browserd.class);
    public static final int EXIT_OK = 0;
    public static final int EXIT_BROWSER_FAILED = 3;

    private final BrowserdConfig config;
    private final Activity activity = new Activity();
    private final Session session;
    private final TokenVerifier verifier;
    private final BrowserdServer server = new BrowserdServer();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean ending = new AtomicBoolean();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private Xvfb xvfb;
    private BrowserHost host;
    private Screencast screencast;
    private volatile Duration idleTimeout;
    private volatile Duration maxLifetime;
    private volatile long lifetimeStart = System.currentTimeMillis();

    private Browserd(BrowserdConfig config) {
        this.config = config;
        this.idleTimeout = config.idleTimeout();
        this.maxLifetime = config.maxLifetime();
        this.verifier = new TokenVerifier(config.publicKey(), Clock.systemUTC());
        this.session = new Session(config, activity, reason -> shutdown("browser_crashed", EXIT_BROWSER_FAILED));
    }

    /** Starts everything; on failure stops what it started and throws. */
    public static Browserd start(BrowserdConfig config) throws IOException {
        Browserd d = new Browserd(config);
        try {
            d.startParts();
        } catch (IOException | RuntimeException e) {
            d.stopParts();
            throw e;
        }
        return d;
    }

    private void startParts() throws IOException {
        String display = System.getenv("DISPLAY");
        if (!config.headless() && (display == null || display.isBlank())) {
            Viewport v = config.viewport();
            xvfb = Xvfb.start(Math.max(1920, v.width() + 200), Math.max(1080, v.height() + 300));
            display = xvfb.display();
        }
        Viewport v = config.viewport();
        screencast = new Screencast(session::onFrame, () -> host.viewport().deviceScaleFactor(),
                new ScreencastSettings(70, (int) (v.width() * v.deviceScaleFactor()), (int) (v.height() * v.deviceScaleFactor())));
        host = new BrowserHost(config, config.headless() ? null : display, server.workers(), screencast, session);
        session.bind(host, screencast);
        host.start();
        server.start(config, verifier, session, this);
        VerifierWarmup.run();
        health();
        watchdog.scheduleWithFixedDelay(this::checkLimits, 1, 1, TimeUnit.SECONDS);
        if (config.startUrl() != null) {
            host.navigateQuietly(config.startUrl());
        }
        log.info("browserd listening on {}:{} (session {})", config.host(), server.port(),
                config.sessionId() == null ? "unclaimed, pool mode" : config.sessionId());
    }

    public int port() {
        return server.port();
    }

    /** Completes with the process exit code once the daemon has ended. */
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    private void checkLimits() {
        long now = System.currentTimeMillis();
        if (session.sessionId() == null) {
            return;
        }
        if (now - lifetimeStart >= maxLifetime.toMillis()) {
            shutdown("max_lifetime", EXIT_OK);
        } else if (now - activity.lastActivityAt() >= idleTimeout.toMillis()) {
            shutdown("idle_timeout", EXIT_OK);
        }
    }

    /** Ends the daemon once: {@code closing} to every client, then browser, server and Xvfb stopped. */
    public void shutdown(String reason, int code) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        log.info("session ending: {}", reason);
        Thread t = new Thread(() -> {
            session.close(reason);
            stopParts();
            exitCode.complete(code);
        }, "shutdown");
        t.start();
    }

    private void stopParts() {
        watchdog.shutdownNow();
        if (host != null) {
            host.close();
        }
        server.stop();
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Override
    public ObjectNode health() {
        ObjectNode n = Outbound.object()
                .put("status", ending.get() ? "closing" : "ready")
                .put("sessionId", session.sessionId())
                .put("browser", host.state().name().toLowerCase())
                .put("clients", session.clientCount())
                .put("maxClientBacklogBytes", session.maxBacklogBytes())
                .put("framesDropped", session.framesDropped())
                .put("fps", screencast.fps())
                .put("framesEmitted", screencast.framesEmitted())
                .put("startedAt", activity.startedAt())
                .put("lastActivityAt", activity.lastActivityAt());
        putTime(n, "lastFrameAt", screencast.lastFrameAt());
        putTime(n, "lastCommandAt", activity.lastCommandAt());
        n.put("idleTimeoutMs", idleTimeout.toMillis()).put("maxLifetimeMs", maxLifetime.toMillis());
        Viewport v = host.viewport();
        n.putObject("viewport").put("w", v.width()).put("h", v.height()).put("dpr", v.deviceScaleFactor());
        return n;
    }

    private static void putTime(ObjectNode n, String field, long epochMillis) {
        if (epochMillis == 0) {
            n.putNull(field);
        } else {
            n.put(field, epochMillis);
        }
    }

    @Override
    public ObjectNode claim(String sessionId, JsonNode body) throws ProtocolException {
        Duration idle = seconds(body, "idleTimeoutSeconds", idleTimeout);
        Duration max = seconds(body, "maxLifetimeSeconds", maxLifetime);
        String startUrl = body.hasNonNull("startUrl") ? body.get("startUrl").asText() : null;
        if (!session.claim(sessionId)) {
            throw new ProtocolException("already_claimed", "this daemon already serves a session");
        }
        idleTimeout = idle;
        maxLifetime = max;
        lifetimeStart = System.currentTimeMillis();
        JsonNode vp = body.get("viewport");
        if (vp != null && vp.isObject()) {
            host.command("setViewport", Outbound.object().put("width", vp.path("w").asInt()).put("height", vp.path("h").asInt()));
        }
        if (startUrl != null) {
            host.navigateQuietly(startUrl);
        }
        log.info("claimed for session {}", sessionId);
        return health();
    }

    private static Duration seconds(JsonNode body, String field, Duration dflt) throws ProtocolException {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 7 * 24 * 3600) {
            throw new ProtocolException(ErrorCode.INVALID_PARAMS, field + ": expected an integer 1..604800");
        }
        return Duration.ofSeconds(v.asLong());
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        verifier.revoke(tokenId, expiresAt);
        session.revoke(tokenId);
    }
}
