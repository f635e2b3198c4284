package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxState;
import io.cloudbrowser.controlplane.store.Activity;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.StoreException;
import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.ExitCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the sessions this replica owns whose time is up or whose sandbox is gone, every interval: TTL, idle
 * (browserd's lastActivityAt from /health), sandbox exited (crash or kill), /health failing. The same pass
 * does the replica's duties (leases, taking over a dead replica's sessions), refreshes the health that
 * GET /api/sessions/:id shows (and writes it to the store for the other replicas), and tends the warm pool.
 */
public final class SessionReaper implements AutoCloseable {
    static final int HEALTH_FAILURES_TO_FAIL = 3;
    /** Activity that only moved on is written this often at most; a change of viewers at once. */
    static final Duration ACTIVITY_WRITE_INTERVAL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);

    private final SessionService sessions;
    private final SandboxProvider provider;
    private final BrowserdClient browserd;
    private final WarmPool pool;
    private final ReplicaDuties duties;
    private final SessionStore store;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-reaper");
        t.setDaemon(true);
        return t;
    });

    public SessionReaper(SessionService sessions, SandboxProvider provider, BrowserdClient browserd, WarmPool pool,
                         ReplicaDuties duties, SessionStore store, Clock clock) {
        this.sessions = sessions;
        this.provider = provider;
        this.browserd = browserd;
        this.pool = pool;
        this.duties = duties;
        this.store = store;
        this.clock = clock;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::sweepSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("reaper pass failed", e);
        }
    }

    void sweep() {
        duties.run();
        for (LiveSession session : sessions.live().all()) {
            SessionRecord record = session.record();
            if (record.status() == SessionStatus.READY) {
                check(session, record);
            }
        }
        pool.check();
    }

    private void check(LiveSession session, SessionRecord record) {
        if (!clock.instant().isBefore(record.expiresAt())) {
            end(session, EndReason.TTL);
            return;
        }
        SandboxState state = provider.state(record.sandbox());
        if (!state.running()) {
            boolean crashed = state.exitCode().isPresent() && state.exitCode().getAsInt() == ExitCode.BROWSER_FAILED;
            end(session, crashed ? EndReason.BROWSER_CRASHED : EndReason.SANDBOX_EXITED);
            return;
        }
        if (!session.beginHealthCheck()) {
            return;
        }
        browserd.healthAsync(record.sandbox()).whenComplete((health, error) -> {
            session.endHealthCheck();
            if (error != null) {
                onHealthFailure(session, error);
            } else {
                onHealth(session, health);
            }
        });
    }

    private void onHealth(LiveSession session, BrowserdHealth health) {
        SessionRecord record = session.record();
        if (!record.id().equals(health.sessionId())) {
            log.warn("session {}: its sandbox now reports session {}", record.id(), health.sessionId());
            end(session, EndReason.HEALTH_FAILED);
            return;
        }
        session.healthy(health);
        Instant idleSince = Instant.ofEpochMilli(health.lastActivityAt());
        recordActivity(session, new Activity(idleSince, health.clients()));
        if (!clock.instant().isBefore(idleSince.plus(record.idleTimeout()))) {
            end(session, EndReason.IDLE_TIMEOUT);
        }
    }

    /** Other replicas answer for this session from the store: keep what they show close to the health. */
    private void recordActivity(LiveSession session, Activity now) {
        Activity last = session.recordedActivity().orElse(null);
        if (last != null && last.viewers() == now.viewers()
                && now.lastActivityAt().isBefore(last.lastActivityAt().plus(ACTIVITY_WRITE_INTERVAL))) {
            return;
        }
        try {
            store.recordActivity(session.id(), now.lastActivityAt(), now.viewers());
            session.activityRecorded(now);
        } catch (StoreException e) {
            log.warn("session {}: cannot record its activity: {}", session.id(), e.getMessage());
        }
    }

    private void onHealthFailure(LiveSession session, Throwable error) {
        int failures = session.healthFailed();
        log.debug("session {}: health check {} failed: {}", session.id(), failures, error.toString());
        if (failures >= HEALTH_FAILURES_TO_FAIL && provider.state(session.record().sandbox()).running()) {
            end(session, EndReason.HEALTH_FAILED);
        }
    }

    private void end(LiveSession session, EndReason reason) {
        sessions.lifecycle().end(session, reason);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
