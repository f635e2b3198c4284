package io.cloudbrowser.controlplane.model;

import java.util.Locale;

/** Where a session is in its life; the lower-case name is the API's and the store's spelling. */
public enum SessionStatus {
    STARTING, READY, STOPPING, STOPPED, FAILED, EXPIRED;

    /** Live sessions hold (or are about to hold) a sandbox and count against quotas. */
    public boolean isLive() {
        return this == STARTING || this == READY || this == STOPPING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
