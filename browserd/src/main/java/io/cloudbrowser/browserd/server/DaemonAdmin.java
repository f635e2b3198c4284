package io.cloudbrowser.browserd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.protocol.ProtocolException;

import java.time.Instant;

/** What the HTTP side may ask of the daemon; implemented by the wiring class. */
public interface DaemonAdmin {
    /** The {@code /health} document. */
    ObjectNode health();

    /** Binds a pool-mode daemon to a session; throws {@code already_claimed} or {@code invalid_params}. */
    ObjectNode claim(String sessionId, JsonNode body) throws ProtocolException;

    /** Refuses a token from now on and drops the connections it authenticated. */
    void revoke(String tokenId, Instant expiresAt);
}
