package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.token.MintedToken;

/** A new session and the controller token for it. */
public record CreatedSession(SessionRecord record, MintedToken token, boolean fromWarmPool) {
}
