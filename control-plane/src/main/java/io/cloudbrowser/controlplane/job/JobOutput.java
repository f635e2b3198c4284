package io.cloudbrowser.controlplane.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One output of a completed job (a screenshot), kept in the artifact store under {@code key} until
 * {@code expiresAt}, when the retention sweeper deletes it.
 */
public record JobOutput(String jobId, String name, String contentType, long bytes, String key, Instant createdAt,
                        Instant expiresAt) {
    public JobOutput {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
