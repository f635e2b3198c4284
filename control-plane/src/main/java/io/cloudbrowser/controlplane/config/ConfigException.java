package io.cloudbrowser.controlplane.config;

/** A setting that cannot be used; the message names it and says what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
