package io.cloudbrowser.protocol.policy;

/** A URL a browser would refuse to parse; the message says why without echoing the URL. */
final class InvalidUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidUrlException(String message) {
        super(message, null, false, false);
    }
}
