package io.cloudbrowser.controlplane.store;

/** The store could not do what was asked (database down, constraint broken). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
