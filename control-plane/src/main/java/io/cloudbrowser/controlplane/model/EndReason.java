package io.cloudbrowser.controlplane.model;

import java.util.Locale;

/** Why a session ended, and the final status that reason leads to. */
public enum EndReason {
    /** DELETE /api/sessions/:id. */
    DELETED(SessionStatus.STOPPED),
    /** The control plane shut down and stopped its sandboxes. */
    CONTROL_PLANE_STOPPED(SessionStatus.STOPPED),
    /** ttlSeconds elapsed. */
    TTL(SessionStatus.EXPIRED),
    /** No input or command for idleTimeoutSeconds (browserd's lastActivityAt). */
    IDLE_TIMEOUT(SessionStatus.EXPIRED),
    /** The sandbox could not be started or never became healthy. */
    START_FAILED(SessionStatus.FAILED),
    /** The sandbox process ended without being asked to. */
    SANDBOX_EXITED(SessionStatus.FAILED),
    /** browserd reported an unrecoverable browser crash (exit code 3). */
    BROWSER_CRASHED(SessionStatus.FAILED),
    /** The sandbox runs but its /health kept failing. */
    HEALTH_FAILED(SessionStatus.FAILED),
    /** After a control-plane restart the sandbox was gone or not the session's any more. */
    LOST_ON_RESTART(SessionStatus.FAILED);

    private final SessionStatus finalStatus;

    EndReason(SessionStatus finalStatus) {
        this.finalStatus = finalStatus;
    }

    public SessionStatus finalStatus() {
        return finalStatus;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndReason fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
