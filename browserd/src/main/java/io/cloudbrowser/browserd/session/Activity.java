package io.cloudbrowser.browserd.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * When the session was last used, for {@code /health} and the idle timeout. A command that is still running
 * counts as activity: a 10-minute wait is not idleness.
 */
public final class Activity {
    private final long startedAt = System.currentTimeMillis();
    private final AtomicInteger running = new AtomicInteger();
    private volatile long lastActivityAt = startedAt;
    private volatile long lastCommandAt;

    public void touch() {
        lastActivityAt = System.currentTimeMillis();
    }

    void commandStarted() {
        running.incrementAndGet();
        lastCommandAt = System.currentTimeMillis();
        touch();
    }

    void commandFinished() {
        running.decrementAndGet();
        touch();
    }

    public long startedAt() {
        return startedAt;
    }

    public long lastActivityAt() {
        return running.get() > 0 ? System.currentTimeMillis() : lastActivityAt;
    }

    /** Epoch millis of the last command, or 0 if none. */
    public long lastCommandAt() {
        return lastCommandAt;
    }
}
