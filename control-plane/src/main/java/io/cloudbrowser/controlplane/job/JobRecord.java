package io.cloudbrowser.controlplane.job;

import java.time.Instant;
import java.util.Objects;

/**
 * A job as the store keeps it. {@code requestJson} is the validated request (steps, viewport, timeout);
 * {@code resultJson} the step results once it completed. Nullable: the lease (while a worker holds it), the
 * idempotency key, result, error, webhook URL and the transition times not reached yet.
 *
 * @param attempts     attempts started so far (a claim starts one)
 * @param deadLettered failed after its last attempt on a retriable fault: {@code POST .../retry} re-queues it
 */
public record JobRecord(String id, String tenant, JobType type, JobStatus status, int attempts, int maxAttempts,
                        Instant runAfter, String leaseOwner, Instant leaseUntil, String idempotencyKey,
                        String requestJson, String resultJson, String errorCode, String errorMessage,
                        boolean deadLettered, String webhookUrl, Instant createdAt, Instant provisioningAt,
                        Instant provisionedAt, Instant runningAt, Instant endedAt) {
    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(requestJson, "requestJson");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static JobRecord queued(String id, String tenant, JobType type, int maxAttempts, String idempotencyKey,
                                   String requestJson, String webhookUrl, Instant now) {
        return new JobRecord(id, tenant, type, JobStatus.QUEUED, 0, maxAttempts, now, null, null, idempotencyKey,
                requestJson, null, null, null, false, webhookUrl, now, null, null, null, null);
    }

    /** The next step of a held job: the times of PROVISIONING, PROVISIONED and RUNNING are set when reached. */
    public JobRecord advanced(JobStatus next, Instant now) {
        return new JobRecord(id, tenant, type, next, attempts, maxAttempts, runAfter, leaseOwner, leaseUntil,
                idempotencyKey, requestJson, resultJson, errorCode, errorMessage, deadLettered, webhookUrl, createdAt,
                next == JobStatus.PROVISIONING ? now : provisioningAt, next == JobStatus.PROVISIONED ? now : provisionedAt,
                next == JobStatus.RUNNING ? now : runningAt, endedAt);
    }

    public JobRecord completed(String result, Instant now) {
        return new JobRecord(id, tenant, type, JobStatus.COMPLETED, attempts, maxAttempts, runAfter, null, null,
                idempotencyKey, requestJson, result, null, null, false, webhookUrl, createdAt, provisioningAt,
                provisionedAt, runningAt, now);
    }

    /** Ended without a result; {@code deadLetter} when the attempts of a retriable fault are spent. */
    public JobRecord failed(String code, String message, boolean deadLetter, Instant now) {
        return new JobRecord(id, tenant, type, JobStatus.FAILED, attempts, maxAttempts, runAfter, null, null,
                idempotencyKey, requestJson, null, code, message, deadLetter, webhookUrl, createdAt, provisioningAt,
                provisionedAt, runningAt, now);
    }

    /** Back in the queue after a retriable fault, due at {@code runAfter}; the error says what happened. */
    public JobRecord requeued(String code, String message, Instant due) {
        return new JobRecord(id, tenant, type, JobStatus.QUEUED, attempts, maxAttempts, due, null, null,
                idempotencyKey, requestJson, null, code, message, false, webhookUrl, createdAt, provisioningAt,
                provisionedAt, runningAt, null);
    }

    public boolean attemptsLeft() {
        return attempts < maxAttempts;
    }
}
