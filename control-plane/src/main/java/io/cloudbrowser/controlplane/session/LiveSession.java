package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.protocol.BrowserdHealth;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session this control plane runs, in memory: its current record, browserd's last health, and
 * the one decision every path (delete, reaper, shutdown, failed start) races for: who stops it.
 */
final class LiveSession {
    /** What a stop request obliges its caller to do. */
    enum StopDuty {
        /** The caller stops the sandbox and finishes the session. */
        PERFORM,
        /** The session is still starting: whoever starts it will stop it when the start returns. */
        STARTER_WILL,
        /** Someone else asked first; wait for {@link #ended()}. */
        ALREADY_STOPPING
    }

    private SessionRecord record;
    private EndReason stopReason;
    private final CompletableFuture<SessionRecord> ended = new CompletableFuture<>();
    private volatile BrowserdHealth health;
    private final AtomicInteger healthFailures = new AtomicInteger();
    private final AtomicBoolean healthCheckRunning = new AtomicBoolean();

    LiveSession(SessionRecord record) {
        this.record = record;
    }

    synchronized SessionRecord record() {
        return record;
    }

    String id() {
        return record().id();
    }

    /**
     * STARTING -> READY; or, when a stop was asked for meanwhile, -> STOPPING with the sandbox bound
     * and false: then the caller stops it.
     */
    synchronized boolean markReady(Sandbox sandbox, Instant now) {
        record = record.ready(sandbox, now);
        if (stopReason != null) {
            record = record.stopping();
            return false;
        }
        return true;
    }

    synchronized StopDuty requestStop(EndReason reason) {
        if (stopReason != null) {
            return StopDuty.ALREADY_STOPPING;
        }
        stopReason = reason;
        if (record.status() == SessionStatus.STARTING) {
            return StopDuty.STARTER_WILL;
        }
        record = record.stopping();
        return StopDuty.PERFORM;
    }

    synchronized SessionRecord finish(Instant now) {
        record = record.ended(stopReason, now);
        ended.complete(record);
        return record;
    }

    CompletableFuture<SessionRecord> ended() {
        return ended;
    }

    Optional<BrowserdHealth> health() {
        return Optional.ofNullable(health);
    }

    void healthy(BrowserdHealth report) {
        health = report;
        healthFailures.set(0);
    }

    /**
     * One health check at a time: a browserd that hangs must not collect a request per reaper pass,
     * each waiting out its timeout. False when one is already running.
     */
    boolean beginHealthCheck() {
        return healthCheckRunning.compareAndSet(false, true);
    }

    void endHealthCheck() {
        healthCheckRunning.set(false);
    }

    /** Counts a failed health check; returns how many failed in a row. */
    int healthFailed() {
        return healthFailures.incrementAndGet();
    }

    SessionView view() {
        return new SessionView(record(), health());
    }
}
