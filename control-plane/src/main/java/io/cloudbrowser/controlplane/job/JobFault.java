package io.cloudbrowser.controlplane.job;

import io.cloudbrowser.protocol.ErrorCode;
import java.util.Set;

/**
 * Why an attempt failed, and whether another attempt may succeed: the sandbox did not start, the browser crashed,
 * the sandbox died (its connection closed) are retried; everything the job itself asked for (a blocked URL, a bad
 * step, a selector that never appears, its timeout) fails it at once.
 */
final class JobFault extends Exception {
    private static final Set<ErrorCode> RETRIABLE = Set.of(ErrorCode.SANDBOX_FAILED, ErrorCode.BROWSER_CRASHED,
            ErrorCode.SESSION_NOT_ACTIVE, ErrorCode.JOB_INTERRUPTED);

    private final ErrorCode code;

    JobFault(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }

    boolean retriable() {
        return RETRIABLE.contains(code);
    }
}
