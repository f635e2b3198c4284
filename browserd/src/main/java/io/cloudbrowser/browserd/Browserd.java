package io.cloudbrowser.browserd;

import io.cloudbrowser.browserd.auth.VerifierWarmup;
import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.display.Xvfb;
import io.cloudbrowser.browserd.lifecycle.ClaimHandler;
import io.cloudbrowser.browserd.lifecycle.SessionLimits;
import io.cloudbrowser.browserd.lifecycle.Watchdog;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;
import io.cloudbrowser.browserd.server.BrowserdServer;
import io.cloudbrowser.browserd.server.DaemonAdmin;
import io.cloudbrowser.browserd.session.Activity;
import io.cloudbrowser.browserd.session.BrowserEventRelay;
import io.cloudbrowser.browserd.session.Clients;
import io.cloudbrowser.browserd.session.FrameFanOut;
import io.cloudbrowser.browserd.session.ReadyEvent;
import io.cloudbrowser.browserd.session.Session;
import io.cloudbrowser.browserd.session.SessionBinding;
import io.cloudbrowser.browserd.session.StreamTuner;
import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.ClaimRequest;
import io.cloudbrowser.protocol.ExitCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.TokenVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one daemon: Xvfb (when there is no display), the browser, the session, the server and the watchdog. Owns
 * the ordered shutdown; {@link #exitCode()} completes when the daemon has ended, whatever ended it.
 */
public final class Browserd implements DaemonAdmin {
    private static final Logger log = LoggerFactory.getLogger(Browserd.class);

    private final BrowserdConfig config;
    private final TokenVerifier verifier;
    private final Activity activity = new Activity();
    private final SessionBinding binding;
    private final SessionLimits limits;
    private final Clients clients;
    private final FrameFanOut frames;
    private final Watchdog watchdog;
    private final BrowserdServer server = new BrowserdServer();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private Xvfb xvfb;
    private Screencast screencast;
    private BrowserHost host;
    private Session session;
    private ClaimHandler claims;

    private Browserd(BrowserdConfig config) {
        this.config = config;
        this.verifier = new TokenVerifier(config.publicKeys(), Clock.systemUTC());
        this.binding = new SessionBinding(config.sessionId());
        this.limits = config.sessionId() == null ? SessionLimits.waiting(config.idleTimeout(), config.maxLifetime())
                : SessionLimits.running(config.idleTimeout(), config.maxLifetime(), System.currentTimeMillis());
        this.clients = new Clients(config.limits());
        this.frames = new FrameFanOut(clients);
        this.watchdog = new Watchdog(limits, activity, reason -> shutdown(reason, ExitCode.OK));
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
        String display = config.headless() ? null : displayOrOwnXvfb();
        Viewport v = config.viewport();
        screencast = new Screencast(frames::onFrame, () -> host.viewport().dpr(),
                new ScreencastSettings(70, v.pixelWidth(), v.pixelHeight()));
        StreamTuner tuner = new StreamTuner(clients, screencast);
        ReadyEvent ready = new ReadyEvent(binding, () -> host.viewport());
        host = new BrowserHost(config, display, server.workers(), screencast, new BrowserEventRelay(clients, ready,
                tuner, reason -> shutdown("browser_crashed", ExitCode.BROWSER_FAILED)));
        session = new Session(config.limits(), binding, clients, ready, frames, tuner, host, activity);
        claims = new ClaimHandler(binding, limits, activity, host);
        host.start();
        server.start(config, verifier, session, this);
        config.urlPolicy().reservedPorts().reserve("browserd", server.port());
        VerifierWarmup.run();
        health();
        watchdog.start();
        if (config.startUrl() != null) {
            host.navigateQuietly(config.startUrl());
        }
        log.info("browserd listening on {}:{} (session {})", config.host(), server.port(),
                config.sessionId() == null ? "unclaimed, pool mode" : config.sessionId());
    }

    /** The display Chromium draws on: {@code DISPLAY}, or a new Xvfb of our own when there is none. */
    private String displayOrOwnXvfb() throws IOException {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            return display;
        }
        Viewport v = config.viewport();
        xvfb = Xvfb.start(Math.max(1920, v.w() + 200), Math.max(1080, v.h() + 300));
        return xvfb.display();
    }

    public int port() {
        return server.port();
    }

    /** Completes with the process exit code once the daemon has ended. */
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
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
        watchdog.close();
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
        return new BrowserdHealth(ending.get() ? BrowserdHealth.CLOSING : BrowserdHealth.READY, binding.id(),
                host.state().name().toLowerCase(Locale.ROOT), clients.count(), clients.maxBacklogBytes(),
                clients.framesDropped(), screencast.fps(), screencast.framesEmitted(), activity.startedAt(),
                activity.lastActivityAt(), timeOrNull(screencast.lastFrameAt()), timeOrNull(activity.lastCommandAt()),
                limits.idleTimeout().toMillis(), limits.maxLifetime().toMillis(), host.viewport());
    }

    private static Long timeOrNull(long epochMillis) {
        return epochMillis == 0 ? null : epochMillis;
    }

    @Override
    public BrowserdHealth claim(String sessionId, ClaimRequest body) throws ProtocolException {
        claims.claim(sessionId, body);
        return health();
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        verifier.revoke(tokenId, expiresAt);
        session.revoke(tokenId);
    }
}
