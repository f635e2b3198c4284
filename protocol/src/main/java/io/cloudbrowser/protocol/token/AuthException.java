package io.cloudbrowser.protocol.token;

import java.util.Objects;

/**
 * A token was refused. The message is safe to send to the client and to log: it names what was
 * wrong (a claim name, an algorithm) but never contains the token or a claim's value. No cause is
 * chained, because java-jwt's own messages may quote decoded token parts.
 */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the token was refused; stable names for logs, metrics and tests. */
    public enum Reason {
        MISSING_TOKEN,
        MALFORMED_TOKEN,
        ALGORITHM_NOT_ALLOWED,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        MISSING_CLAIM,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        WRONG_SESSION,
        UNCLAIMED,
        UNKNOWN_ROLE,
        REVOKED
    }

    private final Reason reason;

    public AuthException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
