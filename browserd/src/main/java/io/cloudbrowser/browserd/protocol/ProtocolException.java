package io.cloudbrowser.browserd.protocol;

/** A message or command that cannot be honoured, with its wire error code and a message safe to show. */
public final class ProtocolException extends Exception {
    private final String code;

    public ProtocolException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
