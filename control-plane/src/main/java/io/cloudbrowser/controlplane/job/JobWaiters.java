package io.cloudbrowser.controlplane.job;

import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Requests holding their answer until a job ends ({@code POST /api/jobs?wait=}): told at once when a worker of
 * this replica finishes the job, and polling the store for jobs another replica runs.
 */
final class JobWaiters implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(250);

    private final JobStore store;
    private final Map<String, Set<CompletableFuture<Optional<JobRecord>>>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-waiters");
        t.setDaemon(true);
        return t;
    });

    JobWaiters(JobStore store) {
        this.store = store;
        timer.scheduleWithFixedDelay(this::pollAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the ended job, or empty after {@code timeout}. */
    CompletableFuture<Optional<JobRecord>> awaitEnd(String id, Duration timeout) {
        CompletableFuture<Optional<JobRecord>> ended = new CompletableFuture<>();
        waiting.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(ended);
        timer.schedule(() -> ended.complete(Optional.empty()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        ended.whenComplete((r, e) -> waiting.computeIfPresent(id, (k, set) -> {
            set.remove(ended);
            return set.isEmpty() ? null : set;
        }));
        timer.execute(() -> check(id));
        return ended;
    }

    /** A worker here finished an attempt of the job (it may have ended). */
    void attemptEnded(String id) {
        if (waiting.containsKey(id)) {
            timer.execute(() -> check(id));
        }
    }

    private void pollAll() {
        waiting.keySet().forEach(this::check);
    }

    private void check(String id) {
        Set<CompletableFuture<Optional<JobRecord>>> set = waiting.get(id);
        if (set == null || set.isEmpty()) {
            return;
        }
        try {
            store.find(id).filter(j -> j.status().isEnded())
                    .ifPresent(job -> Set.copyOf(set).forEach(f -> f.complete(Optional.of(job))));
        } catch (StoreException e) {
            // the next poll tries again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        waiting.values().forEach(set -> set.forEach(f -> f.complete(Optional.empty())));
    }
}
