package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.store.Activity;
import io.cloudbrowser.controlplane.store.QuotaException;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions as users see them: create (a warm-pool claim or a cold start), read, list, delete, and tokens,
 * through any replica: a session another replica owns is read from the store, ended through it, and its tokens
 * are minted and revoked here like any other. Work that blocks (the store, sandboxes) runs on {@code blocking};
 * reading a session this replica owns is served from memory.
 */
public final class SessionService {
    /** browserd's own timeouts are this much longer than ours, so the reaper ends sessions first. */
    static final Duration BACKSTOP_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final LiveSessions live = new LiveSessions();
    private final RecentReads elsewhere;
    private final SessionLimits limits;
    private final SessionLifecycle lifecycle;
    private final SessionStore store;
    private final SandboxProvider provider;
    private final Replica replica;
    private final WarmPool pool;
    private final TokenMinter minter;
    private final BrowserdClient browserd;
    private final Executor blocking;
    private final Clock clock;

    public SessionService(SessionLimits limits, SessionStore store, SandboxProvider provider, Replica replica,
                          WarmPool pool, TokenMinter minter, BrowserdClient browserd, Executor blocking, Clock clock) {
        this.limits = limits;
        this.elsewhere = new RecentReads(clock);
        this.lifecycle = new SessionLifecycle(live, store, provider, replica, blocking, clock);
        this.store = store;
        this.provider = provider;
        this.replica = replica;
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

    /**
     * Completes once the session is ready (or failed: {@link SessionException} SANDBOX_FAILED). The session is
     * stored as starting first, in the transaction that checks the quotas, so it counts against them on every
     * replica, is listed meanwhile, and ends as lost if this control plane dies before it is ready.
     */
    public CompletableFuture<CreatedSession> create(String userId, NewSession request) {
        SessionRecord record = SessionRecord.starting(SessionIds.next(), userId, request.viewport(),
                request.startUrl().orElse(null), request.idleTimeout(), clock.instant(), request.ttl());
        return CompletableFuture.supplyAsync(() -> start(reserve(record), request), blocking);
    }

    private LiveSession reserve(SessionRecord record) {
        try {
            store.reserve(record, replica.id(), replica.leaseFrom(clock.instant()), limits.maxPerUser(),
                    limits.maxTotal());
        } catch (QuotaException e) {
            throw new SessionException(e.limit() == QuotaException.Limit.PER_USER
                    ? SessionException.Kind.QUOTA_EXCEEDED : SessionException.Kind.CAPACITY_EXHAUSTED,
                    (e.limit() == QuotaException.Limit.PER_USER ? "user " + record.userId() + ": " : "") + e.getMessage());
        }
        return live.add(record);
    }

    private CreatedSession start(LiveSession session, NewSession request) {
        SessionRecord record = session.record();
        SandboxSpec spec = SandboxSpec.forSession(record.id(), record.viewport(),
                record.idleTimeout().plus(BACKSTOP_GRACE), request.ttl().plus(BACKSTOP_GRACE), request.startUrl());
        long started = System.nanoTime();
        Optional<Sandbox> warm = pool.claim(spec);
        Sandbox sandbox = warm.isPresent() ? warm.get() : createOrFail(session, spec);
        if (!session.markReady(sandbox, clock.instant())) {
            lifecycle.stopNow(session);
            throw endedWhileStarting(session);
        }
        long sandboxMillis = (System.nanoTime() - started) / 1_000_000;
        MintedToken token = minter.sessionToken(record.id(), record.userId(), Role.CONTROLLER, record.expiresAt());
        boolean stored;
        try {
            stored = store.transitionWithToken(SessionStatus.STARTING, session.record(), tokenRecord(record.id(), token));
        } catch (RuntimeException e) {
            lifecycle.end(session, EndReason.START_FAILED);
            throw e;
        }
        if (!stored) {
            // Ended through another replica while it started: what was started here is stopped here.
            provider.stop(sandbox);
            live.remove(record.id());
            throw new SessionException(SessionException.Kind.NOT_ACTIVE, "session " + record.id()
                    + " was ended while it was starting");
        }
        session.stored(SessionStatus.READY);
        log.info("session {} ready in {} ms ({}, sandbox {} ms)", record.id(),
                Duration.between(record.createdAt(), clock.instant()).toMillis(), warm.isPresent() ? "warm" : "cold",
                sandboxMillis);
        return new CreatedSession(session.record(), token, warm.isPresent());
    }

    private static SessionException endedWhileStarting(LiveSession session) {
        return new SessionException(SessionException.Kind.NOT_ACTIVE, "session " + session.id()
                + " ended while it was starting (" + session.record().endReason().wireName() + ")");
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
        Optional<LiveSession> session = owned(userId, id);
        if (session.isPresent()) {
            return CompletableFuture.completedFuture(session.get().view());
        }
        Optional<SessionView> recent = elsewhere.get(id).filter(v -> v.record().userId().equals(userId));
        if (recent.isPresent()) {
            return CompletableFuture.completedFuture(recent.get());
        }
        return CompletableFuture.supplyAsync(() -> {
            SessionView view = store.findWithActivity(id).filter(s -> s.record().userId().equals(userId))
                    .map(s -> new SessionView(s.record(), s.record().status().isLive() ? s.activity() : Optional.empty()))
                    .orElseThrow(() -> notFound(id));
            elsewhere.put(view);
            return view;
        }, blocking);
    }

    /** The user's sessions, newest first; live ones carry what their owner last saw of the sandbox. */
    public CompletableFuture<SessionPageView> list(String userId, Optional<SessionPage.Cursor> after, int limit) {
        return CompletableFuture.supplyAsync(() -> {
            SessionPage page = store.listByUser(userId, after, limit);
            List<String> liveElsewhere = page.sessions().stream()
                    .filter(r -> r.status().isLive() && live.get(r.id()).isEmpty()).map(SessionRecord::id).toList();
            Map<String, Activity> activity = store.activity(liveElsewhere);
            List<SessionView> views = page.sessions().stream()
                    .map(r -> live.get(r.id()).map(LiveSession::view).orElseGet(() -> storedView(r, activity)))
                    .toList();
            return new SessionPageView(views, page.next());
        }, blocking);
    }

    private static SessionView storedView(SessionRecord record, Map<String, Activity> activity) {
        return new SessionView(record, Optional.ofNullable(activity.get(record.id())));
    }

    /** Ends the session (idempotent), whichever replica owns it, and completes with its final state. */
    public CompletableFuture<SessionView> delete(String userId, String id) {
        Optional<LiveSession> session = owned(userId, id);
        if (session.isPresent()) {
            return lifecycle.end(session.get(), EndReason.DELETED).thenApply(r -> new SessionView(r, Optional.empty()));
        }
        return CompletableFuture.supplyAsync(() -> {
            SessionRecord record = stored(userId, id);
            SessionRecord now = record.status().isLive() ? lifecycle.endElsewhere(record, EndReason.DELETED) : record;
            elsewhere.forget(id);
            return new SessionView(now, Optional.empty());
        }, blocking);
    }

    /** A share (viewer) or takeover (controller) token, expiring with the session at the latest. */
    public CompletableFuture<MintedToken> mintToken(String userId, String id, Role role, Duration ttl) {
        return CompletableFuture.supplyAsync(() -> {
            SessionRecord record = readySession(userId, id);
            Instant wanted = clock.instant().plus(ttl);
            return mint(record, role, wanted.isBefore(record.expiresAt()) ? wanted : record.expiresAt());
        }, blocking);
    }

    /** Revokes the token (idempotent) and has browserd drop its connections. */
    public CompletableFuture<Void> revokeToken(String userId, String id, String jti) {
        return CompletableFuture.runAsync(() -> {
            SessionRecord record = owned(userId, id).map(LiveSession::record).orElseGet(() -> stored(userId, id));
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

    /** Live sessions this replica owns. */
    public int liveCount() {
        return live.all().size();
    }

    /**
     * The sandbox of a ready session, for the gateway: from memory when this replica owns the session, from the
     * store when another one does (any replica relays any session's WebSocket).
     */
    public Optional<Sandbox> readySandbox(String id) {
        Optional<LiveSession> session = live.get(id);
        Optional<SessionRecord> record = session.isPresent() ? session.map(LiveSession::record) : store.find(id);
        return record.filter(r -> r.status() == SessionStatus.READY).map(SessionRecord::sandbox);
    }

    private Optional<LiveSession> owned(String userId, String id) {
        return live.get(id).filter(s -> s.record().userId().equals(userId));
    }

    /** The session when it is ready, wherever it runs; a known but ended (or still starting) one is NOT_ACTIVE. */
    private SessionRecord readySession(String userId, String id) {
        SessionRecord record = owned(userId, id).map(LiveSession::record).orElseGet(() -> stored(userId, id));
        if (record.status() != SessionStatus.READY) {
            throw new SessionException(SessionException.Kind.NOT_ACTIVE, "session " + id + " is " + record.status().wireName());
        }
        return record;
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
