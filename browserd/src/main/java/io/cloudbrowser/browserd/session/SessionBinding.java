package io.cloudbrowser.browserd.session;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which session this daemon serves: fixed by {@code BROWSERD_SESSION_ID}, or none in pool mode until a claim binds
 * one, once. Session tokens must name it.
 */
public final class SessionBinding {
    private final AtomicReference<String> id;

    /** @param id the configured session, or null in pool mode */
    public SessionBinding(String id) {
        this.id = new AtomicReference<>(id);
    }

    /** The session id, or null while unclaimed. */
    public String id() {
        return id.get();
    }

    /** Binds an unclaimed daemon to {@code sessionId}; false if it already serves a session. */
    public boolean bind(String sessionId) {
        return id.compareAndSet(null, sessionId);
    }
}
