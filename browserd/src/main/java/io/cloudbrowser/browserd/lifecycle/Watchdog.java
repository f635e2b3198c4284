package io.cloudbrowser.browserd.lifecycle;

import io.cloudbrowser.browserd.session.Activity;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Checks the {@link SessionLimits} once a second on its own daemon thread and ends the session when one is hit. */
public final class Watchdog implements AutoCloseable {
    private final SessionLimits limits;
    private final Activity activity;
    private final Consumer<String> end;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watchdog");
        t.setDaemon(true);
        return t;
    });

    /** @param end called with {@link SessionLimits#MAX_LIFETIME} or {@link SessionLimits#IDLE_TIMEOUT}; may be called again */
    public Watchdog(SessionLimits limits, Activity activity, Consumer<String> end) {
        this.limits = limits;
        this.activity = activity;
        this.end = end;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        String reason = limits.exceeded(System.currentTimeMillis(), activity.lastActivityAt());
        if (reason != null) {
            end.accept(reason);
        }
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
