package io.cloudbrowser.controlplane.token;

import io.cloudbrowser.protocol.token.Role;
import java.time.Instant;

/** A signed JWT and the facts about it the control plane records; the JWT is never logged. */
public record MintedToken(String jwt, String jti, Role role, Instant issuedAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "MintedToken[jti=" + jti + ", role=" + role + ", expiresAt=" + expiresAt + "]";
    }
}
