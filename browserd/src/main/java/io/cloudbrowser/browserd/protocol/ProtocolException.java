package io.cloudbrowser.browserd.protocol;

import io.cloudbrowser.protocol.ErrorCode;

/** A message or command that cannot be honoured, with its wire error code and a message safe to show. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
