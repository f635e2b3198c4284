package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.store.Activity;
import java.util.Optional;

/**
 * A session as callers see it: its record and, while it is live, what its owner last saw of the sandbox
 * (from browserd's health on the owning replica, from the store on the others).
 */
public record SessionView(SessionRecord record, Optional<Activity> activity) {
}
