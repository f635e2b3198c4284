package io.cloudbrowser.controlplane.store;

import java.time.Instant;
import java.util.Objects;

/** What a live session's owner last saw of its sandbox: the last input or command, and how many watch. */
public record Activity(Instant lastActivityAt, int viewers) {
    public Activity {
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    }
}
