package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How sessions end (one stop per session whoever asks: delete, reaper, shutdown) and how they are
 * recovered after a restart. Each end is persisted, the sandbox stopped, the session unregistered.
 */
public final class SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final LiveSessions live;
    private final SessionStore store;
    private final SandboxProvider provider;
    private final Executor blocking;
    private final Clock clock;

    SessionLifecycle(LiveSessions live, SessionStore store, SandboxProvider provider, Executor blocking, Clock clock) {
        this.live = live;
        this.store = store;
        this.provider = provider;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Asks the session to end for {@code reason}; completes with its final record. */
    CompletableFuture<SessionRecord> end(LiveSession session, EndReason reason) {
        if (session.requestStop(reason) == LiveSession.StopDuty.PERFORM) {
            blocking.execute(() -> stopNow(session));
        }
        return session.ended();
    }

    /** Stops a session whose stop was requested and that holds (or never got) a sandbox. */
    void stopNow(LiveSession session) {
        SessionRecord stopping = session.record();
        try {
            persist(stopping);
            Optional.ofNullable(stopping.sandbox()).ifPresent(provider::stop);
        } finally {
            SessionRecord ended = session.finish(clock.instant());
            persist(ended);
            live.remove(ended.id());
            log.info("session {} {} ({})", ended.id(), ended.status().wireName(), ended.endReason().wireName());
        }
    }

    /**
     * After a restart: live sandboxes of recorded sessions are adopted, the rest of those sessions
     * end as lost, and sandboxes nobody records (a pool's, a half-started one's) are stopped.
     */
    public void recover() {
        List<SessionRecord> recorded = store.findLive();
        Set<String> keep = new HashSet<>();
        for (SessionRecord record : recorded) {
            Optional<Sandbox> adopted = record.status() == SessionStatus.READY && record.sandbox() != null
                    ? provider.adopt(record.sandbox(), record.id()) : Optional.empty();
            if (adopted.isPresent()) {
                live.add(record);
                keep.add(adopted.get().id());
                log.info("session {} adopted (sandbox {})", record.id(), adopted.get().id());
                continue;
            }
            Optional.ofNullable(record.sandbox()).ifPresent(provider::stop);
            persist(record.ended(EndReason.LOST_ON_RESTART, clock.instant()));
            log.warn("session {} lost on restart", record.id());
        }
        int orphans = provider.reapOrphans(keep);
        if (orphans > 0) {
            log.warn("stopped {} orphan sandboxes", orphans);
        }
    }

    /**
     * Ends every live session (control-plane shutdown) and waits for them up to {@code timeout}:
     * a session still starting ends only when its start returns, which closing the provider forces.
     */
    public void endAll(EndReason reason, Duration timeout) {
        CompletableFuture<?>[] ends = live.all().stream().map(s -> end(s, reason)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("not every session ended within {}: {}", timeout, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void persist(SessionRecord record) {
        try {
            store.update(record);
        } catch (StoreException e) {
            log.error("cannot record session {} as {}: {}", record.id(), record.status().wireName(), e.getMessage());
        }
    }
}
