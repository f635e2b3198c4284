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
 * How sessions end, whoever asks (delete, reaper, shutdown) and on whichever replica, and how a replica takes
 * sessions on: after its own restart, or when another replica's leases lapsed. Every change goes through a
 * conditional store transition, so of two replicas only one performs it; the sandbox is stopped by the one that
 * moved the session to stopping.
 */
public final class SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final LiveSessions live;
    private final SessionStore store;
    private final SandboxProvider provider;
    private final Replica replica;
    private final Executor blocking;
    private final Clock clock;

    SessionLifecycle(LiveSessions live, SessionStore store, SandboxProvider provider, Replica replica,
                     Executor blocking, Clock clock) {
        this.live = live;
        this.store = store;
        this.provider = provider;
        this.replica = replica;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Asks a session this replica owns to end for {@code reason}; completes with its final record. */
    CompletableFuture<SessionRecord> end(LiveSession session, EndReason reason) {
        if (session.requestStop(reason) == LiveSession.StopDuty.PERFORM) {
            blocking.execute(() -> stopNow(session));
        }
        return session.ended();
    }

    /**
     * Stops a session whose stop was requested and that holds (or never got) a sandbox. When the store shows
     * that another replica changed the session meanwhile (it is ending it), this one lets go of it instead.
     */
    void stopNow(LiveSession session) {
        SessionRecord stopping = session.record();
        if (stopping.status() == SessionStatus.STOPPING) {
            if (!moved(session, stopping)) {
                letGo(session);
                return;
            }
            try {
                Optional.ofNullable(stopping.sandbox()).ifPresent(provider::stop);
            } catch (RuntimeException e) {
                log.warn("session {}: stopping its sandbox failed: {}", stopping.id(), e.toString());
            }
        }
        SessionRecord ended = session.finish(clock.instant());
        if (!moved(session, ended)) {
            log.warn("session {}: the store did not take its end ({})", ended.id(), ended.endReason().wireName());
        }
        live.remove(ended.id());
        log.info("session {} {} ({})", ended.id(), ended.status().wireName(), ended.endReason().wireName());
    }

    /** The store takes {@code next} if it still holds what this replica last wrote; false otherwise. */
    private boolean moved(LiveSession session, SessionRecord next) {
        try {
            if (store.transition(session.storedStatus(), next)) {
                session.stored(next.status());
                return true;
            }
            return false;
        } catch (StoreException e) {
            log.error("cannot record session {} as {}: {}", next.id(), next.status().wireName(), e.getMessage());
            return true; // the store is down: the sandbox is still ours to stop
        }
    }

    /** Another replica ended (or is ending) the session: forget it here, its record says how it ended. */
    private void letGo(LiveSession session) {
        live.remove(session.id());
        session.letGo(store.find(session.id()).orElse(session.record()));
        log.info("session {} was ended elsewhere", session.id());
    }

    /**
     * Ends a live session this replica does not own (it runs on another one, or its owner died): the replica
     * that moves it to stopping stops its sandbox. A session still starting on its owner is ended at once; the
     * owner stops what it started when its start returns.
     */
    SessionRecord endElsewhere(SessionRecord stored, EndReason reason) {
        switch (stored.status()) {
            case READY -> {
                SessionRecord stopping = stored.stopping();
                if (!store.transition(SessionStatus.READY, stopping)) {
                    break;
                }
                Optional.ofNullable(stopping.sandbox()).ifPresent(provider::stop);
                store.transition(SessionStatus.STOPPING, stopping.ended(reason, clock.instant()));
                log.info("session {} {} ({}), owned by another replica", stored.id(), reason.finalStatus().wireName(),
                        reason.wireName());
            }
            case STARTING -> store.transition(SessionStatus.STARTING, stored.ended(reason, clock.instant()));
            default -> {
                // stopping or ended already: the one who began it finishes it
            }
        }
        return store.find(stored.id()).orElse(stored);
    }

    /**
     * After a restart: the sessions this replica owned (and those stored before replicas existed) are adopted
     * when their sandbox still runs them, the rest end as lost; this replica's old pool sandboxes, and
     * sandboxes nobody records, are stopped.
     */
    public void recover() {
        Set<String> keep = new HashSet<>();
        for (SessionRecord record : store.recoverLive(replica.id(), replica.leaseFrom(clock.instant()))) {
            takeOn(record).ifPresent(keep::add);
        }
        renew();
        int orphans = provider.reapOrphans(keep);
        if (orphans > 0) {
            log.warn("stopped {} orphan sandboxes", orphans);
        }
    }

    /** Sessions whose owner's lease lapsed become this replica's: adopted when their sandbox still serves them. */
    void takeOverLapsed() {
        for (SessionRecord record : store.takeOverLapsed(replica.id(), clock.instant(),
                replica.leaseFrom(clock.instant()), 16)) {
            log.warn("session {}: its replica's lease lapsed, taking it over", record.id());
            takeOn(record);
        }
    }

    /**
     * Extends this replica's leases, and lets go of sessions that ended elsewhere (deleted through another
     * replica) or that another replica took over.
     */
    void renew() {
        Set<String> mine = store.renewLeases(replica.id(), replica.leaseFrom(clock.instant()));
        for (LiveSession session : live.all()) {
            if (!mine.contains(session.id()) && session.storedStatus().isLive() && !session.isStopping()) {
                letGo(session);
            }
        }
    }

    /** A live stored session becomes one this replica runs, or ends as lost; returns its sandbox id if kept. */
    private Optional<String> takeOn(SessionRecord record) {
        Optional<Sandbox> adopted = record.status() == SessionStatus.READY && record.sandbox() != null
                ? provider.adopt(record.sandbox(), record.id()) : Optional.empty();
        if (adopted.isPresent()) {
            live.add(record);
            log.info("session {} adopted (sandbox {})", record.id(), adopted.get().id());
            return Optional.of(adopted.get().id());
        }
        Optional.ofNullable(record.sandbox()).ifPresent(provider::stop);
        if (store.transition(record.status(), record.ended(EndReason.LOST_ON_RESTART, clock.instant()))) {
            log.warn("session {} lost: its sandbox is gone", record.id());
        }
        return Optional.empty();
    }

    /**
     * Ends every live session of this replica (control-plane shutdown) and waits for them up to {@code timeout}:
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

    /** Shutdown without ending sessions: another replica (or this one restarted) takes them over at once. */
    public void handOver() {
        store.releaseLeases(replica.id());
        List<LiveSession> all = List.copyOf(live.all());
        all.forEach(s -> live.remove(s.id()));
        log.info("handed over {} sessions", all.size());
    }
}
