package io.cloudbrowser.controlplane.sandbox;

/** A provider could not do what was asked; whatever it had started for it is already cleaned up. */
public final class SandboxException extends Exception {
    /** What went wrong, for callers that react differently. */
    public enum Kind {
        /** The provider cannot start anything (browserd jar missing, ...). */
        MISCONFIGURED,
        /** The sandbox exited while starting. */
        EXITED,
        /** The sandbox did not report ready in time. */
        TIMEOUT,
        /** browserd could not be reached or answered with an error. */
        UNREACHABLE,
        /** browserd refused (already claimed, wrong session). */
        REFUSED
    }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SandboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
