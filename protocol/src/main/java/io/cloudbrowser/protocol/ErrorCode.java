package io.cloudbrowser.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Every named error of cloudbrowser, with its one spelling on the wire ({@link #wireName()}), for the
 * WebSocket protocol (result and event errors), browserd's HTTP answers and the control plane's REST API
 * (docs/PROTOCOL.md sections 5 and 9). {@link #httpStatus()} is the status when the code answers an HTTP
 * request; codes that only travel in WebSocket messages have none.
 */
public enum ErrorCode {
    // --- WebSocket messages (results and error events) ---
    /** Not JSON, not an object, unknown type, cmd without id or method; a body that is not a JSON object. */
    BAD_MESSAGE(400),
    UNKNOWN_METHOD(0),
    /** Missing or wrong command params (the message names the field); wrong claim or revoke body. */
    INVALID_PARAMS(400),
    TIMEOUT(0),
    /** A selector that matches nothing; over HTTP, a path that names nothing. */
    NOT_FOUND(404),
    URL_BLOCKED(0),
    /** A viewer sent input or a command, evaluate is disabled; over HTTP, an Origin that is not allowed. */
    FORBIDDEN(403),
    CONTROL_HELD(0),
    RATE_LIMITED(429),
    BROWSER_CRASHED(0),
    NAVIGATION_FAILED(0),
    COMMAND_FAILED(0),
    /** A ref that the latest snapshot did not print, from another document, or whose element left the page. */
    STALE_REF(0),

    // --- HTTP, both servers ---
    UNAUTHORIZED(401),
    METHOD_NOT_ALLOWED(405),
    /** A request that did not arrive whole within 10 s of the connection's start or its first byte (slowloris). */
    REQUEST_TIMEOUT(408),

    // --- browserd's HTTP answers ---
    /** POST /admin/claim on a daemon that already serves a session. */
    ALREADY_CLAIMED(409),
    /** WebSocket upgrade while the session ends. */
    CLOSING(503),
    TOO_MANY_CONNECTIONS(503),

    // --- the control plane's REST API ---
    BAD_JSON(400),
    INVALID_FIELD(400),
    UNKNOWN_FIELD(400),
    SESSION_NOT_FOUND(404),
    TOKEN_NOT_FOUND(404),
    SESSION_NOT_ACTIVE(409),
    BODY_TOO_LARGE(413),
    QUOTA_EXCEEDED(429),
    INTERNAL(500),
    SANDBOX_FAILED(502),
    CAPACITY_EXHAUSTED(503),
    /** The session store cannot be read or written (the database is down, its disk is full); retry later. */
    STORE_UNAVAILABLE(503),

    // --- browser jobs (REST API answers, and a failed job's error) ---
    JOB_NOT_FOUND(404),
    /** POST /api/jobs/:id/retry of a job that is not dead-lettered. */
    JOB_NOT_DEAD_LETTERED(409),
    /** The tenant's queued and running jobs at CP_MAX_JOBS_PER_USER. */
    JOB_QUOTA_EXCEEDED(429),
    /** An Idempotency-Key used before with another request body. */
    IDEMPOTENCY_CONFLICT(409),
    /** A webhookUrl the URL policy refuses (private, loopback, metadata addresses unless allowlisted). */
    WEBHOOK_URL_REFUSED(400),
    /** An artifact URL whose signature does not match (tampered, or signed with another key). */
    SIGNED_URL_INVALID(403),
    SIGNED_URL_EXPIRED(403),
    /** A job's error: the control plane running it stopped mid-run (retried like a sandbox fault). */
    JOB_INTERRUPTED(0),
    /** A job's error: its owner cancelled it. */
    JOB_CANCELLED(0),
    /** A job's error: it ran past its timeoutSeconds. */
    JOB_TIMEOUT(0);

    private final int httpStatus;
    private final String wireName;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public String wireName() {
        return wireName;
    }

    /** The HTTP status this code answers with; throws for codes that only travel over the WebSocket. */
    public int httpStatus() {
        if (httpStatus == 0) {
            throw new IllegalStateException(wireName + " is not an HTTP answer");
        }
        return httpStatus;
    }

    public static Optional<ErrorCode> fromWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
