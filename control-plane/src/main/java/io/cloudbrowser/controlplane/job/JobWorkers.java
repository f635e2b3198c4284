package io.cloudbrowser.controlplane.job;

import io.cloudbrowser.controlplane.config.JobsConfig;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's job workers: each claims the job due longest, runs it, and claims the next; while it runs, its
 * lease is renewed every third of the lease. A renewal that fails (the job was cancelled, or the lease lapsed and
 * another worker claimed it again) aborts the attempt, so a job never runs twice at once. Idle workers wait for a
 * submit on this replica, or poll for jobs submitted elsewhere.
 */
public final class JobWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final JobStore store;
    private final JobRunner runner;
    private final String owner;
    private final JobsConfig config;
    private final Clock clock;
    private final Consumer<String> ended;
    private final Map<String, JobAttempt> running = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private final Thread[] threads;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-leases");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    JobWorkers(JobStore store, JobRunner runner, String owner, JobsConfig config, Clock clock, Consumer<String> ended) {
        this.store = store;
        this.runner = runner;
        this.owner = owner;
        this.config = config;
        this.clock = clock;
        this.ended = ended;
        this.threads = new Thread[config.workers()];
    }

    /** Takes back what this replica held before a restart, then starts the workers. */
    void start() {
        store.releaseLeases(owner, clock.instant());
        long every = Math.max(100, config.lease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(this::work, "job-worker-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** A job was submitted here: an idle worker claims it without waiting for its poll. */
    void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Stops the job's attempt if it runs on this replica (cancelled). */
    void abort(String jobId) {
        Optional.ofNullable(running.get(jobId)).ifPresent(JobAttempt::abort);
    }

    private void work() {
        while (!closed) {
            Optional<JobRecord> claimed;
            try {
                claimed = store.claim(owner, clock.instant(), clock.instant().plus(config.lease()),
                        config.maxRunningPerUser());
            } catch (StoreException e) {
                log.warn("cannot claim a job: {}", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isEmpty()) {
                idle();
                continue;
            }
            JobAttempt attempt = new JobAttempt(claimed.get(), owner, store, clock);
            running.put(attempt.id(), attempt);
            try {
                runner.run(attempt);
            } catch (RuntimeException e) {
                log.error("job {}: the worker failed", attempt.id(), e);
            } finally {
                running.remove(attempt.id());
                ended.accept(attempt.id());
            }
        }
    }

    private void idle() {
        synchronized (wake) {
            if (!closed) {
                try {
                    wake.wait(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    private void renewAll() {
        for (JobAttempt attempt : running.values()) {
            try {
                if (!store.renew(attempt.id(), owner, attempt.number(), clock.instant().plus(config.lease()))) {
                    log.warn("job {}: attempt {} no longer holds its lease (cancelled or taken over); stopping it",
                            attempt.id(), attempt.number());
                    attempt.abort();
                }
            } catch (StoreException e) {
                log.warn("job {}: cannot renew its lease: {}", attempt.id(), e.getMessage());
            }
        }
    }

    /**
     * Stops the workers: running attempts are aborted and keep their lease, which this replica (restarted) or
     * another one takes over, so they run again rather than getting lost.
     */
    @Override
    public void close() {
        closed = true;
        renewer.shutdownNow();
        running.values().forEach(JobAttempt::abort);
        wakeUp();
        for (Thread t : threads) {
            if (t != null) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
