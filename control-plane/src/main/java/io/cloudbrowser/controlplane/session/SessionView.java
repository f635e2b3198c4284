package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.protocol.BrowserdHealth;
import java.util.Optional;

/** A session as callers see it: its record and, while it is live, browserd's last health report. */
public record SessionView(SessionRecord record, Optional<BrowserdHealth> health) {
}
