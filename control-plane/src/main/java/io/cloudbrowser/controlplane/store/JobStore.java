package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.job.JobOutput;
import io.cloudbrowser.controlplane.job.JobRecord;
import io.cloudbrowser.controlplane.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable job queue, in the session store's database, shared by every replica. Workers claim jobs with a
 * lease; every write a worker makes afterwards is fenced on the lease it got ({@code owner}, {@code attempt}),
 * so a worker whose lease lapsed (and whose job another worker claimed again) changes nothing: a job runs at
 * least once, never twice at the same time, and its outcome is recorded once. Every implementation passes
 * {@code JobStoreContract}.
 */
public interface JobStore {
    /** What a submit did: stored {@code job}, or found the tenant's job of the same idempotency key. */
    record Submitted(JobRecord job, boolean created) {
    }

    /**
     * Stores a new queued job, unless the tenant already has one with its idempotency key (then that one is
     * returned). Throws {@link JobQuotaException} when the tenant has {@code maxUnfinished} jobs not ended.
     */
    Submitted submit(JobRecord job, int maxUnfinished);

    Optional<JobRecord> find(String id);

    /** The tenant's jobs, newest first, optionally of one status. */
    JobPage list(String tenant, Optional<JobStatus> status, Optional<SessionPage.Cursor> after, int limit);

    /**
     * Claims the job due longest (queued and due, or held by a lease that lapsed before {@code now}) of a
     * tenant with fewer than {@code maxActivePerTenant} jobs held: it moves to PROVISIONING with one more
     * attempt and a lease for {@code owner} until {@code leaseUntil}. A lapsed job whose attempts are spent is
     * failed and dead-lettered instead. Empty when nothing is due.
     */
    Optional<JobRecord> claim(String owner, Instant now, Instant leaseUntil, int maxActivePerTenant);

    /** Writes {@code next} if {@code owner} still holds the job's lease for {@code attempt}. */
    boolean update(String owner, int attempt, JobRecord next);

    /** Completes the job with its outputs in one transaction, fenced as {@link #update}. */
    boolean complete(String owner, int attempt, JobRecord next, List<JobOutput> outputs);

    /**
     * After a restart: jobs this replica held cannot be running any more (it just started), so their leases end
     * now and they are claimed again at once instead of after the lease.
     */
    void releaseLeases(String owner, Instant now);

    /** Extends the lease; false when it is no longer held (lapsed and claimed again, or cancelled). */
    boolean renew(String id, String owner, int attempt, Instant leaseUntil);

    /** Cancels a job not ended yet; returns the job as it is afterwards (empty: no such job). */
    Optional<JobRecord> cancel(String id, Instant now);

    /** Re-queues a dead-lettered job with its attempts reset: the job as re-queued; empty when it is not dead-lettered. */
    Optional<JobRecord> retry(String id, Instant now);

    void log(String jobId, int attempt, Instant at, String message);

    /** Log events after {@code afterSeq} (0 = from the start), oldest first. */
    JobLogPage logs(String jobId, long afterSeq, int limit);

    List<JobOutput> outputs(String jobId);

    /** Outputs whose retention ended before {@code now}. */
    List<JobOutput> expiredOutputs(Instant now, int limit);

    void deleteOutput(String jobId, String name);

    /** Ids of jobs that ended before {@code cutoff}. */
    List<String> endedBefore(Instant cutoff, int limit);

    /** Deletes the job with its log and output rows (the caller deleted the outputs' artifacts). */
    void delete(String id);

    /**
     * An ended job whose webhook is due, held for this caller until {@code holdUntil} (no other replica sends
     * it meanwhile); empty when none is due.
     */
    Optional<JobRecord> claimWebhook(Instant now, Instant holdUntil);

    /** After a delivery attempt: {@code nextAt} null = no more tries ({@code deliveredAt} set when it arrived). */
    void webhookTried(String id, int attempts, Instant nextAt, Instant deliveredAt);

    /** Delivery attempts of the job's webhook so far. */
    int webhookAttempts(String id);
}
