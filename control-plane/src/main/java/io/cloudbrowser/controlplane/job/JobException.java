package io.cloudbrowser.controlplane.job;

/** A job request that cannot be served: no such job (or another tenant's), a limit, a wrong state. */
public final class JobException extends RuntimeException {
    /** Why. */
    public enum Kind {
        NOT_FOUND, QUOTA_EXCEEDED, NOT_DEAD_LETTERED, IDEMPOTENCY_CONFLICT
    }

    private final Kind kind;

    public JobException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
