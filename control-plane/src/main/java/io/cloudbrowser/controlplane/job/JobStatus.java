package io.cloudbrowser.controlplane.job;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a job is: {@code QUEUED -> PROVISIONING -> PROVISIONED -> RUNNING -> COMPLETED | FAILED}, or
 * {@code CANCELLED} when its owner deleted it first. A retriable failure sends it back to {@code QUEUED}.
 * The wire spelling is the constant's name.
 */
public enum JobStatus {
    QUEUED,
    PROVISIONING,
    PROVISIONED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** A worker holds the job (its lease says which and until when). */
    public boolean isActive() {
        return this == PROVISIONING || this == PROVISIONED || this == RUNNING;
    }

    public boolean isEnded() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobStatus> parse(String text) {
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
