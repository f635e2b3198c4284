package io.cloudbrowser.controlplane.session;

/** A session operation that cannot be done, with the reason callers map to an answer. */
public final class SessionException extends RuntimeException {
    /** Why. */
    public enum Kind {
        NOT_FOUND, TOKEN_NOT_FOUND, NOT_ACTIVE, QUOTA_EXCEEDED, CAPACITY_EXHAUSTED, SANDBOX_FAILED
    }

    private final Kind kind;

    public SessionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
