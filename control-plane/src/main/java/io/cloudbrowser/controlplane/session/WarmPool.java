package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.store.PoolEntry;
import io.cloudbrowser.controlplane.store.ReplicaStore;
import io.cloudbrowser.controlplane.store.StoreException;
import io.cloudbrowser.protocol.Viewport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes started ahead of demand in pool mode. Each replica keeps {@code size} of them, listed in the store:
 * a claim takes one (its own, or any replica's when the provider's sandboxes are reachable from every replica)
 * with a row lock no other claim can share, binds it to a session without a restart, and the pool refills in the
 * background. This replica's pool sandboxes that died or grew old are replaced. Failed starts back off (up to a
 * minute) so a broken setup does not spin.
 */
public final class WarmPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final SandboxProvider provider;
    private final BrowserdClient browserd;
    private final ReplicaStore store;
    private final Replica replica;
    private final int size;
    private final Viewport viewport;
    private final Duration maxAge;
    private final Executor starter;
    private final Clock clock;
    private int starting;
    private boolean closed;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;

    public WarmPool(SandboxProvider provider, BrowserdClient browserd, ReplicaStore store, Replica replica, int size,
                    Viewport viewport, Duration maxAge, Executor starter, Clock clock) {
        this.provider = provider;
        this.browserd = browserd;
        this.store = store;
        this.replica = replica;
        this.size = size;
        this.viewport = viewport;
        this.maxAge = maxAge;
        this.starter = starter;
        this.clock = clock;
    }

    /** A pool sandbox claimed for {@code spec}'s session, or empty (pool empty, or a pixel ratio none has). */
    public Optional<Sandbox> claim(SandboxSpec spec) {
        if (size == 0) {
            return Optional.empty();
        }
        Optional<String> onlyOf = provider.reachableFromEveryReplica() ? Optional.empty() : Optional.of(replica.id());
        try {
            Optional<PoolEntry> entry;
            // a claim can resize the page but not change its pixel ratio
            while ((entry = take(spec.viewport().dpr(), onlyOf)).isPresent()) {
                Sandbox sandbox = entry.get().sandbox();
                try {
                    return Optional.of(provider.claim(sandbox, spec, !spec.viewport().equals(entry.get().viewport())));
                } catch (SandboxException e) {
                    log.warn("pool sandbox {} could not be claimed: {}", sandbox.id(), e.getMessage());
                    starter.execute(() -> provider.stop(sandbox));
                }
            }
            return Optional.empty();
        } finally {
            refill();
        }
    }

    private Optional<PoolEntry> take(double dpr, Optional<String> onlyOf) {
        try {
            return store.claimFromPool(dpr, onlyOf);
        } catch (StoreException e) {
            log.warn("cannot claim from the pool: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces this replica's pool sandboxes that exited or reached their age; called by the reaper. */
    public void check() {
        if (size == 0) {
            return;
        }
        Instant oldest = clock.instant().minus(maxAge);
        for (PoolEntry entry : mine()) {
            boolean gone = !provider.state(entry.sandbox()).running() || entry.startedAt().isBefore(oldest);
            if (gone && store.removeFromPool(entry.sandbox().id())) {
                starter.execute(() -> provider.stop(entry.sandbox()));
            }
        }
        refill();
    }

    /** This replica's pool sandboxes waiting for a session. */
    public int readyCount() {
        return size == 0 ? 0 : mine().size();
    }

    /**
     * After a restart: the pool this replica listed before is forgotten (recovery then stops its sandboxes as
     * orphans), and the pool starts afresh.
     */
    public void forgetPrevious() {
        mine().forEach(e -> store.removeFromPool(e.sandbox().id()));
    }

    private List<PoolEntry> mine() {
        try {
            return store.poolOf(replica.id());
        } catch (StoreException e) {
            log.warn("cannot read the pool: {}", e.getMessage());
            return List.of();
        }
    }

    /** Starts what is missing, unless a recent failure asks to wait. */
    public void refill() {
        if (size == 0) {
            return;
        }
        int ready = mine().size();
        int toStart;
        synchronized (this) {
            if (closed || clock.instant().isBefore(nextAttempt)) {
                return;
            }
            toStart = Math.max(0, size - ready - starting);
            starting += toStart;
        }
        for (int i = 0; i < toStart; i++) {
            starter.execute(this::startOne);
        }
    }

    private void startOne() {
        Sandbox sandbox;
        try {
            sandbox = provider.create(SandboxSpec.forPool(viewport, maxAge.plus(SessionService.BACKSTOP_GRACE)));
        } catch (SandboxException e) {
            failed(e);
            return;
        }
        browserd.prime(sandbox);
        boolean keep;
        synchronized (this) {
            starting--;
            keep = !closed;
            if (keep) {
                backoff = Duration.ZERO;
            }
        }
        if (keep) {
            try {
                store.addToPool(new PoolEntry(sandbox, viewport, clock.instant(), replica.id()));
                return;
            } catch (StoreException e) {
                log.warn("cannot list pool sandbox {}: {}", sandbox.id(), e.getMessage());
            }
        }
        provider.stop(sandbox);
    }

    private synchronized void failed(SandboxException e) {
        starting--;
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        nextAttempt = clock.instant().plus(backoff);
        log.warn("pool sandbox did not start (next try in {}): {}", backoff, e.getMessage());
    }

    /** Stops this replica's pool sandboxes (they are not sessions: nobody takes them over). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (PoolEntry entry : mine()) {
            if (store.removeFromPool(entry.sandbox().id())) {
                provider.stop(entry.sandbox());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
