package io.cloudbrowser.browserd;

import io.cloudbrowser.browserd.auth.VerifierWarmup;
import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.display.Xvfb;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;
import io.cloudbrowser.browserd.server.BrowserdServer;
import io.cloudbrowser.browserd.server.DaemonAdmin;
import io.cloudbrowser.browserd.session.Activity;
import io.cloudbrowser.browserd.session.Session;
import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.ClaimRequest;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.ExitCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.TokenVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one daemon: Xvfb (when there is no display), the browser, the session and the server. Owns the
 * ordered shutdown; {@link #exitCode()} completes when the daemon has ended, whatever ended it.
 */
public final class Browserd implements DaemonAdmin {
    private static final Logger log = LoggerFactory.getLogger(Browserd.class);

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
        this.session = new Session(config, activity, reason -> shutdown("browser_crashed", ExitCode.BROWSER_FAILED));
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
            xvfb = Xvfb.start(Math.max(1920, v.w() + 200), Math.max(1080, v.h() + 300));
            display = xvfb.display();
        }
        Viewport v = config.viewport();
        screencast = new Screencast(session::onFrame, () -> host.viewport().dpr(),
                new ScreencastSettings(70, v.pixelWidth(), v.pixelHeight()));
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
            shutdown("max_lifetime", ExitCode.OK);
        } else if (now - activity.lastActivityAt() >= idleTimeout.toMillis()) {
            shutdown("idle_timeout", ExitCode.OK);
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
    public BrowserdHealth health() {
        return new BrowserdHealth(ending.get() ? BrowserdHealth.CLOSING : BrowserdHealth.READY, session.sessionId(),
                host.state().name().toLowerCase(Locale.ROOT), session.clientCount(), session.maxBacklogBytes(),
                session.framesDropped(), screencast.fps(), screencast.framesEmitted(), activity.startedAt(),
                activity.lastActivityAt(), timeOrNull(screencast.lastFrameAt()), timeOrNull(activity.lastCommandAt()),
                idleTimeout.toMillis(), maxLifetime.toMillis(), host.viewport());
    }

    private static Long timeOrNull(long epochMillis) {
        return epochMillis == 0 ? null : epochMillis;
    }

    @Override
    public BrowserdHealth claim(String sessionId, ClaimRequest body) throws ProtocolException {
        Duration idle = body.idleTimeoutSeconds() == null ? idleTimeout : Duration.ofSeconds(body.idleTimeoutSeconds());
        Duration max = body.maxLifetimeSeconds() == null ? maxLifetime : Duration.ofSeconds(body.maxLifetimeSeconds());
        if (!session.claim(sessionId)) {
            throw new ProtocolException(ErrorCode.ALREADY_CLAIMED, "this daemon already serves a session");
        }
        idleTimeout = idle;
        maxLifetime = max;
        lifetimeStart = System.currentTimeMillis();
        if (body.viewport() != null) {
            host.command("setViewport", Outbound.object().put("width", body.viewport().w())
                    .put("height", body.viewport().h()));
        }
        if (body.startUrl() != null) {
            host.navigateQuietly(body.startUrl());
        }
        log.info("claimed for session {}", sessionId);
        return health();
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        verifier.revoke(tokenId, expiresAt);
        session.revoke(tokenId);
    }
}
