package io.cloudbrowser.controlplane.server;

import java.util.Locale;

/** Every error the API answers with: the HTTP status and the {@code error.code} clients branch on. */
public enum ErrorCode {
    BAD_JSON(400),
    INVALID_FIELD(400),
    UNKNOWN_FIELD(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    SESSION_NOT_FOUND(404),
    TOKEN_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    SESSION_NOT_ACTIVE(409),
    BODY_TOO_LARGE(413),
    QUOTA_EXCEEDED(429),
    RATE_LIMITED(429),
    INTERNAL(500),
    SANDBOX_FAILED(502),
    CAPACITY_EXHAUSTED(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
