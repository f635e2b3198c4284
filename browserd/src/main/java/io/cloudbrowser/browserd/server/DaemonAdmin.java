package io.cloudbrowser.browserd.server;

import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.protocol.BrowserdHealth;
import io.cloudbrowser.protocol.ClaimRequest;
import java.time.Instant;

/** What the HTTP side may ask of the daemon; implemented by the wiring class. */
public interface DaemonAdmin {
    /** The {@code /health} document. */
    BrowserdHealth health();

    /** Binds a pool-mode daemon to a session; throws {@code already_claimed} or {@code invalid_params}. */
    BrowserdHealth claim(String sessionId, ClaimRequest body) throws ProtocolException;

    /** Refuses a token from now on and drops the connections it authenticated. */
    void revoke(String tokenId, Instant expiresAt);
}
