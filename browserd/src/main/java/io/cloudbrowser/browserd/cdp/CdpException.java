package io.cloudbrowser.browserd.cdp;

/** Chromium answered a CDP command with an error, or the connection went away before it answered. */
public final class CdpException extends RuntimeException {
    public CdpException(String message) {
        super(message);
    }
}
