package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.store.SessionPage;
import java.util.List;
import java.util.Optional;

/** One page of a user's sessions as callers see them. */
public record SessionPageView(List<SessionView> sessions, Optional<SessionPage.Cursor> next) {
    public SessionPageView {
        sessions = List.copyOf(sessions);
    }
}
