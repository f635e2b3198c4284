package io.cloudbrowser.controlplane.job;

import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.config.JobsConfig;
import io.cloudbrowser.controlplane.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what outlived its retention, every {@code CP_JOB_SWEEP_INTERVAL}: outputs older than
 * {@code CP_JOB_OUTPUT_RETENTION} (the object first, then its row), and jobs ended longer ago than
 * {@code CP_JOB_RETENTION} with their log and outputs. Deleting twice is harmless, so every replica may sweep.
 */
public final class RetentionSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 100;

    private final JobStore store;
    private final ArtifactStore artifacts;
    private final JobsConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionSweeper(JobStore store, ArtifactStore artifacts, JobsConfig config, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.config = config;
        this.clock = clock;
    }

    public void start() {
        long every = config.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("retention sweep failed: {}", e.toString());
        }
    }

    /** One sweep; returns how many outputs and jobs it deleted. */
    public int sweep() {
        Instant now = clock.instant();
        int deleted = 0;
        List<JobOutput> expired;
        while (!(expired = store.expiredOutputs(now, BATCH)).isEmpty()) {
            for (JobOutput output : expired) {
                artifacts.delete(output.key());
                store.deleteOutput(output.jobId(), output.name());
                deleted++;
            }
        }
        List<String> old;
        while (!(old = store.endedBefore(now.minus(config.jobRetention()), BATCH)).isEmpty()) {
            for (String id : old) {
                store.outputs(id).forEach(o -> artifacts.delete(o.key()));
                store.delete(id);
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("retention: deleted {} outputs and jobs", deleted);
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
