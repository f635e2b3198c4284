package io.cloudbrowser.browserd.lifecycle;

import java.time.Duration;

/**
 * How long the session may go without activity ({@code BROWSERD_IDLE_TIMEOUT}) and live at most
 * ({@code BROWSERD_MAX_LIFETIME}). The lifetime runs from daemon start when the session is configured, from the
 * claim in pool mode; an unclaimed daemon never expires. A claim may set both limits. Safe from any thread: the
 * limits and the start change together.
 */
public final class SessionLimits {
    public static final String IDLE_TIMEOUT = "idle_timeout";
    public static final String MAX_LIFETIME = "max_lifetime";

    /** @param startedAt epoch millis the lifetime runs from, or null while no session is bound */
    private record Term(Duration idleTimeout, Duration maxLifetime, Long startedAt) {
    }

    private volatile Term term;

    private SessionLimits(Term term) {
        this.term = term;
    }

    /** Limits running from {@code now}, for a daemon started with its session. */
    public static SessionLimits running(Duration idleTimeout, Duration maxLifetime, long now) {
        return new SessionLimits(new Term(idleTimeout, maxLifetime, now));
    }

    /** Limits that run only once {@link #start} is called: a pool-mode daemon waiting for its claim. */
    public static SessionLimits waiting(Duration idleTimeout, Duration maxLifetime) {
        return new SessionLimits(new Term(idleTimeout, maxLifetime, null));
    }

    /** A claim: these limits, with the lifetime running from {@code now}. */
    public void start(Duration idleTimeout, Duration maxLifetime, long now) {
        term = new Term(idleTimeout, maxLifetime, now);
    }

    public Duration idleTimeout() {
        return term.idleTimeout();
    }

    public Duration maxLifetime() {
        return term.maxLifetime();
    }

    /**
     * Why the session must end at {@code now} ({@link #MAX_LIFETIME} first, then {@link #IDLE_TIMEOUT}), or null
     * if it may go on.
     *
     * @param lastActivityAt epoch millis of the last activity (input, a command, a connection coming or going)
     */
    public String exceeded(long now, long lastActivityAt) {
        Term t = term;
        if (t.startedAt() == null) {
            return null;
        }
        if (now - t.startedAt() >= t.maxLifetime().toMillis()) {
            return MAX_LIFETIME;
        }
        if (now - lastActivityAt >= t.idleTimeout().toMillis()) {
            return IDLE_TIMEOUT;
        }
        return null;
    }
}
