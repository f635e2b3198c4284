package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.protocol.Viewport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes started ahead of demand in pool mode. A claim binds one to a session without a restart;
 * the pool then refills in the background. Pool sandboxes that died or grew old are replaced.
 * Failed starts back off (up to a minute) so a broken setup does not spin.
 */
public final class WarmPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private record Entry(Sandbox sandbox, Instant startedAt) {
    }

    private final SandboxProvider provider;
    private final BrowserdClient browserd;
    private final int size;
    private final Viewport viewport;
    private final Duration maxAge;
    private final Executor starter;
    private final Clock clock;
    private final Deque<Entry> ready = new ArrayDeque<>();
    private int starting;
    private boolean closed;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;

    public WarmPool(SandboxProvider provider, BrowserdClient browserd, int size, Viewport viewport, Duration maxAge,
                    Executor starter, Clock clock) {
        this.provider = provider;
        this.browserd = browserd;
        this.size = size;
        this.viewport = viewport;
        this.maxAge = maxAge;
        this.starter = starter;
        this.clock = clock;
    }

    /** A pool sandbox claimed for {@code spec}'s session, or empty (pool empty, or dpr differs). */
    public Optional<Sandbox> claim(SandboxSpec spec) {
        if (spec.viewport().dpr() != viewport.dpr()) {
            return Optional.empty(); // a claim can resize the page but not change its pixel ratio
        }
        try {
            Optional<Entry> entry;
            while ((entry = take()).isPresent()) {
                Sandbox sandbox = entry.get().sandbox();
                try {
                    return Optional.of(provider.claim(sandbox, spec, !spec.viewport().equals(viewport)));
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

    /** Replaces pool sandboxes that exited or reached their age; called by the reaper. */
    public void check() {
        List<Entry> expired = new ArrayList<>();
        synchronized (this) {
            Instant oldest = clock.instant().minus(maxAge);
            ready.removeIf(e -> {
                boolean gone = !provider.state(e.sandbox()).running() || e.startedAt().isBefore(oldest);
                if (gone) {
                    expired.add(e);
                }
                return gone;
            });
        }
        expired.forEach(e -> starter.execute(() -> provider.stop(e.sandbox())));
        refill();
    }

    public synchronized int readyCount() {
        return ready.size();
    }

    /** Starts what is missing, unless a recent failure asks to wait. */
    public void refill() {
        int toStart;
        synchronized (this) {
            if (closed || clock.instant().isBefore(nextAttempt)) {
                return;
            }
            toStart = Math.max(0, size - ready.size() - starting);
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
                ready.addLast(new Entry(sandbox, clock.instant()));
                backoff = Duration.ZERO;
            }
        }
        if (!keep) {
            provider.stop(sandbox);
        }
    }

    private synchronized void failed(SandboxException e) {
        starting--;
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        nextAttempt = clock.instant().plus(backoff);
        log.warn("pool sandbox did not start (next try in {}): {}", backoff, e.getMessage());
    }

    private synchronized Optional<Entry> take() {
        return Optional.ofNullable(ready.pollFirst());
    }

    @Override
    public void close() {
        List<Entry> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(ready);
            ready.clear();
        }
        left.forEach(e -> provider.stop(e.sandbox()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
