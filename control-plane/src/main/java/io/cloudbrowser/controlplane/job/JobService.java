package io.cloudbrowser.controlplane.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.config.JobsConfig;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.session.WarmPool;
import io.cloudbrowser.controlplane.store.JobLogPage;
import io.cloudbrowser.controlplane.store.JobPage;
import io.cloudbrowser.controlplane.store.JobQuotaException;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.controlplane.token.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Jobs as their tenants see them: submit (idempotent by key), read with outputs, list, wait for the end, cancel,
 * retry a dead letter, read the log. Another tenant's job is answered as no job at all. Work that blocks (the
 * store) runs on {@code blocking}; the workers of this replica run the queue.
 */
public final class JobService implements AutoCloseable {
    private final JobStore store;
    private final JobsConfig config;
    private final ObjectMapper json;
    private final Executor blocking;
    private final Clock clock;
    private final JobWaiters waiters;
    private final JobWorkers workers;

    public JobService(JobStore store, SandboxProvider provider, WarmPool pool, TokenMinter minter,
                      ArtifactStore artifacts, ObjectMapper json, JobsConfig config, String replicaId,
                      Executor blocking, Clock clock) {
        this.store = store;
        this.config = config;
        this.json = json;
        this.blocking = blocking;
        this.clock = clock;
        this.waiters = new JobWaiters(store);
        JobRunner runner = new JobRunner(store, provider, pool, minter, artifacts, json, config, blocking, clock);
        this.workers = new JobWorkers(store, runner, replicaId, config, clock, waiters::attemptEnded);
    }

    /** Starts this replica's workers (after the provider's recovery, which stops sandboxes of a previous run). */
    public void startWorkers() {
        workers.start();
    }

    public JobStore store() {
        return store;
    }

    public JobsConfig config() {
        return config;
    }

    /** Completes with the job and whether this call created it (false: the idempotency key found it). */
    public CompletableFuture<JobStore.Submitted> submit(String tenant, NewJob request) {
        return CompletableFuture.supplyAsync(() -> {
            String requestJson = request.spec().toJson(json);
            JobRecord job = JobRecord.queued(JobIds.next(), tenant, request.spec().type(), config.maxAttempts(),
                    request.idempotencyKey().orElse(null), requestJson, request.webhookUrl().orElse(null),
                    clock.instant());
            JobStore.Submitted submitted;
            try {
                submitted = store.submit(job, config.maxUnfinishedPerUser());
            } catch (JobQuotaException e) {
                throw new JobException(JobException.Kind.QUOTA_EXCEEDED, "user " + tenant + ": " + e.getMessage());
            }
            if (!submitted.created() && !sameRequest(submitted.job(), job)) {
                throw new JobException(JobException.Kind.IDEMPOTENCY_CONFLICT, "Idempotency-Key "
                        + request.idempotencyKey().orElseThrow() + " was used for another request (job "
                        + submitted.job().id() + ")");
            }
            if (submitted.created()) {
                workers.wakeUp();
            }
            return submitted;
        }, blocking);
    }

    private static boolean sameRequest(JobRecord stored, JobRecord asked) {
        return stored.requestJson().equals(asked.requestJson())
                && Objects.equals(stored.webhookUrl(), asked.webhookUrl());
    }

    public CompletableFuture<JobView> get(String tenant, String id) {
        return CompletableFuture.supplyAsync(() -> view(owned(tenant, id)), blocking);
    }

    /** The job once it ended, or as it is after {@code wait} (capped by {@code CP_JOB_MAX_WAIT}). */
    public CompletableFuture<JobView> awaitEnd(String tenant, String id, Duration wait) {
        Duration capped = wait.compareTo(config.maxWait()) > 0 ? config.maxWait() : wait;
        return waiters.awaitEnd(id, capped).thenComposeAsync(ended -> get(tenant, id), blocking);
    }

    public CompletableFuture<JobPage> list(String tenant, Optional<JobStatus> status,
                                           Optional<SessionPage.Cursor> after, int limit) {
        return CompletableFuture.supplyAsync(() -> store.list(tenant, status, after, limit), blocking);
    }

    /** Cancels a queued or running job (its sandbox stops); an ended one is answered as it is. */
    public CompletableFuture<JobView> cancel(String tenant, String id) {
        return CompletableFuture.supplyAsync(() -> {
            owned(tenant, id);
            JobRecord after = store.cancel(id, clock.instant()).orElseThrow(() -> notFound(id));
            workers.abort(id);
            return view(after);
        }, blocking);
    }

    /** Re-queues a dead-lettered job with fresh attempts. */
    public CompletableFuture<JobView> retry(String tenant, String id) {
        return CompletableFuture.supplyAsync(() -> {
            JobRecord job = owned(tenant, id);
            JobRecord requeued = store.retry(id, clock.instant()).orElseThrow(() -> new JobException(
                    JobException.Kind.NOT_DEAD_LETTERED, "job " + id + " is " + job.status()
                    + (job.deadLettered() ? "" : ", not dead-lettered")));
            workers.wakeUp();
            return view(requeued);
        }, blocking);
    }

    public CompletableFuture<JobLogPage> logs(String tenant, String id, long afterSeq, int limit) {
        return CompletableFuture.supplyAsync(() -> {
            owned(tenant, id);
            return store.logs(id, afterSeq, limit);
        }, blocking);
    }

    /** Any tenant's job, for its webhook (which goes where its owner asked). */
    public Optional<JobView> find(String id) {
        return store.find(id).map(this::view);
    }

    /** The job's outputs, for a list answer (one query per job). */
    public List<JobOutput> outputs(String id) {
        return store.outputs(id);
    }

    private JobView view(JobRecord job) {
        return new JobView(job, job.status() == JobStatus.COMPLETED ? store.outputs(job.id()) : List.of());
    }

    private JobRecord owned(String tenant, String id) {
        return store.find(id).filter(j -> j.tenant().equals(tenant)).orElseThrow(() -> notFound(id));
    }

    private static JobException notFound(String id) {
        return new JobException(JobException.Kind.NOT_FOUND, "no job " + id);
    }

    /** Stops the workers (running attempts keep their lease and run again later) and answers waiting requests. */
    @Override
    public void close() {
        workers.close();
        waiters.close();
    }
}
