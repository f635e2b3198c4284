package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.Activity;
import io.cloudbrowser.protocol.BrowserdHealth;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session this replica owns, in memory: its current record, the status the store last took from us,
 * browserd's last health, and the one decision every local path (delete, reaper, shutdown, failed start)
 * races for: who stops it. Other replicas' changes reach it through the store ({@link SessionLifecycle}).
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
    private SessionStatus storedStatus;
    private EndReason stopReason;
    private final CompletableFuture<SessionRecord> ended = new CompletableFuture<>();
    private volatile BrowserdHealth health;
    private final AtomicInteger healthFailures = new AtomicInteger();
    private final AtomicBoolean healthCheckRunning = new AtomicBoolean();
    private volatile Activity recorded;

    /** @param record as the store has it */
    LiveSession(SessionRecord record) {
        this.record = record;
        this.storedStatus = record.status();
    }

    /** The status of the stored row, the one a transition of ours must find there. */
    synchronized SessionStatus storedStatus() {
        return storedStatus;
    }

    /** The store took {@code status} from us. */
    synchronized void stored(SessionStatus status) {
        storedStatus = status;
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

    /** Whether a stop was asked for here. */
    synchronized boolean isStopping() {
        return stopReason != null;
    }

    /** Another replica ended the session (its record as the store has it): nothing is left to do here. */
    synchronized void letGo(SessionRecord stored) {
        record = stored;
        ended.complete(stored);
    }

    CompletableFuture<SessionRecord> ended() {
        return ended;
    }

    Optional<BrowserdHealth> health() {
        return Optional.ofNullable(health);
    }

    /** The activity last written to the store for other replicas, if any. */
    Optional<Activity> recordedActivity() {
        return Optional.ofNullable(recorded);
    }

    void activityRecorded(Activity activity) {
        recorded = activity;
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
        return new SessionView(record(), health().map(h -> new Activity(Instant.ofEpochMilli(h.lastActivityAt()),
                h.clients())));
    }
}
