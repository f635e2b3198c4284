package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.TokenRecord;
import io.cloudbrowser.controlplane.token.MintedToken;
import io.cloudbrowser.controlplane.token.TokenMinter;
import io.cloudbrowser.protocol.token.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions as users see them: create (a warm-pool claim or a cold start), read, list, delete, and
 * tokens. Work that blocks (the store, sandboxes) runs on {@code blocking}; reading a live session
 * is served from memory.
 */
public final class SessionService {
    /** browserd's own timeouts are this much longer than ours, so the reaper ends sessions first. */
    static final Duration BACKSTOP_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final LiveSessions live;
    private final SessionLifecycle lifecycle;
    private final SessionStore store;
    private final SandboxProvider provider;
    private final WarmPool pool;
    private final TokenMinter minter;
    private final BrowserdClient browserd;
    private final Executor blocking;
    private final Clock clock;

    public SessionService(SessionLimits limits, SessionStore store, SandboxProvider provider, WarmPool pool,
                          TokenMinter minter, BrowserdClient browserd, Executor blocking, Clock clock) {
        this.live = new LiveSessions(limits.maxPerUser(), limits.maxTotal());
        this.lifecycle = new SessionLifecycle(live, store, provider, blocking, clock);
        this.store = store;
        this.provider = provider;
        this.pool = pool;
        this.minter = minter;
        this.browserd = browserd;
        this.blocking = blocking;
        this.clock = clock;
    }

    public SessionLifecycle lifecycle() {
        return lifecycle;
    }

    LiveSessions live() {
        return live;
    }

    /** Completes once the session is ready (or failed: {@link SessionException} SANDBOX_FAILED). */
    public CompletableFuture<CreatedSession> create(String userId, NewSession request) {
        SessionRecord record = SessionRecord.starting(SessionIds.next(), userId, request.viewport(),
                request.startUrl().orElse(null), request.idleTimeout(), clock.instant(), request.ttl());
        LiveSession session = live.reserve(record);
        return CompletableFuture.supplyAsync(() -> start(session, request), blocking);
    }

    /**
     * A warm claim takes milliseconds: its session is stored once, ready, with its token. A cold
     * start takes seconds: the session is stored as starting first, so it is listed meanwhile and
     * ends as lost if the control plane dies before it is ready.
     */
    private CreatedSession start(LiveSession session, NewSession request) {
        SessionRecord record = session.record();
        SandboxSpec spec = SandboxSpec.forSession(record.id(), record.viewport(),
                record.idleTimeout().plus(BACKSTOP_GRACE), request.ttl().plus(BACKSTOP_GRACE), request.startUrl());
        long started = System.nanoTime();
        Optional<Sandbox> warm = pool.claim(spec);
        if (warm.isEmpty()) {
            insertOrForget(record);
        }
        Sandbox sandbox = warm.isPresent() ? warm.get() : createOrFail(session, spec);
        if (!session.markReady(sandbox, clock.instant())) {
            lifecycle.stopNow(session);
            throw new SessionException(SessionException.Kind.NOT_ACTIVE, "session " + record.id()
                    + " ended while it was starting (" + session.record().endReason().wireName() + ")");
        }
        long sandboxMillis = (System.nanoTime() - started) / 1_000_000;
        MintedToken token = minter.sessionToken(record.id(), record.userId(), Role.CONTROLLER, record.expiresAt());
        try {
            if (warm.isPresent()) {
                store.insertWithToken(session.record(), tokenRecord(record.id(), token));
            } else {
                store.updateWithToken(session.record(), tokenRecord(record.id(), token));
            }
        } catch (RuntimeException e) {
            lifecycle.end(session, EndReason.START_FAILED);
            throw e;
        }
        log.info("session {} ready in {} ms ({}, sandbox {} ms)", record.id(),
                Duration.between(record.createdAt(), clock.instant()).toMillis(), warm.isPresent() ? "warm" : "cold",
                sandboxMillis);
        return new CreatedSession(session.record(), token, warm.isPresent());
    }

    private void insertOrForget(SessionRecord record) {
        try {
            store.insert(record);
        } catch (RuntimeException e) {
            live.remove(record.id());
            throw e;
        }
    }

    private Sandbox createOrFail(LiveSession session, SandboxSpec spec) {
        try {
            return provider.create(spec);
        } catch (SandboxException e) {
            log.warn("session {} failed to start: {}", session.id(), e.getMessage());
            session.requestStop(EndReason.START_FAILED);
            lifecycle.stopNow(session);
            throw new SessionException(SessionException.Kind.SANDBOX_FAILED, "the sandbox did not start: " + e.getMessage());
        }
    }

    public CompletableFuture<SessionView> get(String userId, String id) {
        Optional<LiveSession> session = live.get(id).filter(s -> s.record().userId().equals(userId));
        if (session.isPresent()) {
            return CompletableFuture.completedFuture(session.get().view());
        }
        return CompletableFuture.supplyAsync(() -> stored(userId, id), blocking)
                .thenApply(record -> new SessionView(record, Optional.empty()));
    }

    /** The user's sessions, newest first; live ones carry browserd's last health. */
    public CompletableFuture<SessionPageView> list(String userId, Optional<SessionPage.Cursor> after, int limit) {
        return CompletableFuture.supplyAsync(() -> {
            SessionPage page = store.listByUser(userId, after, limit);
            List<SessionView> views = page.sessions().stream()
                    .map(r -> live.get(r.id()).map(LiveSession::view).orElse(new SessionView(r, Optional.empty())))
                    .toList();
            return new SessionPageView(views, page.next());
        }, blocking);
    }

    /** Ends the session (idempotent) and completes with its final state. */
    public CompletableFuture<SessionView> delete(String userId, String id) {
        Optional<LiveSession> session = live.get(id).filter(s -> s.record().userId().equals(userId));
        if (session.isPresent()) {
            return lifecycle.end(session.get(), EndReason.DELETED).thenApply(r -> new SessionView(r, Optional.empty()));
        }
        return get(userId, id);
    }

    /** A share (viewer) or takeover (controller) token, expiring with the session at the latest. */
    public CompletableFuture<MintedToken> mintToken(String userId, String id, Role role, Duration ttl) {
        return CompletableFuture.supplyAsync(() -> {
            SessionRecord record = readySession(userId, id).record();
            Instant wanted = clock.instant().plus(ttl);
            return mint(record, role, wanted.isBefore(record.expiresAt()) ? wanted : record.expiresAt());
        }, blocking);
    }

    /** Revokes the token (idempotent) and has browserd drop its connections. */
    public CompletableFuture<Void> revokeToken(String userId, String id, String jti) {
        return CompletableFuture.runAsync(() -> {
            SessionRecord record = live.get(id).map(LiveSession::record).filter(r -> r.userId().equals(userId))
                    .orElseGet(() -> stored(userId, id));
            TokenRecord token = store.findToken(jti).filter(t -> t.sessionId().equals(record.id()))
                    .orElseThrow(() -> new SessionException(SessionException.Kind.TOKEN_NOT_FOUND, "no token " + jti));
            store.revokeToken(jti, clock.instant());
            if (record.status() == SessionStatus.READY) {
                try {
                    browserd.revoke(record.sandbox(), record.id(), jti, token.expiresAt());
                } catch (SandboxException e) {
                    log.warn("session {}: browserd did not take the revocation of {}: {}", id, jti, e.getMessage());
                }
            }
        }, blocking);
    }

    public int liveCount() {
        return live.all().size();
    }

    /** The sandbox of a ready session, for the gateway. */
    public Optional<Sandbox> readySandbox(String id) {
        return live.get(id).map(LiveSession::record).filter(r -> r.status() == SessionStatus.READY)
                .map(SessionRecord::sandbox);
    }

    /** The live, ready session; a known but ended (or still starting) one is NOT_ACTIVE. */
    private LiveSession readySession(String userId, String id) {
        Optional<LiveSession> session = live.get(id).filter(s -> s.record().userId().equals(userId));
        SessionStatus status = session.map(s -> s.record().status()).orElseGet(() -> stored(userId, id).status());
        if (status != SessionStatus.READY) {
            throw new SessionException(SessionException.Kind.NOT_ACTIVE, "session " + id + " is " + status.wireName());
        }
        return session.orElseThrow();
    }

    private SessionRecord stored(String userId, String id) {
        return store.find(id).filter(r -> r.userId().equals(userId)).orElseThrow(() -> notFound(id));
    }

    private MintedToken mint(SessionRecord record, Role role, Instant expiresAt) {
        MintedToken token = minter.sessionToken(record.id(), record.userId(), role, expiresAt);
        store.insertToken(tokenRecord(record.id(), token));
        return token;
    }

    private static TokenRecord tokenRecord(String sessionId, MintedToken token) {
        return new TokenRecord(token.jti(), sessionId, token.role(), token.issuedAt(), token.expiresAt(), null);
    }

    private static SessionException notFound(String id) {
        return new SessionException(SessionException.Kind.NOT_FOUND, "no session " + id);
    }
}
