package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.model.SessionRecord;
import java.util.Objects;
import java.util.Optional;

/** A stored session with the activity its owner last recorded (none before the first health check). */
public record StoredSession(SessionRecord record, Optional<Activity> activity) {
    public StoredSession {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(activity, "activity");
    }
}
