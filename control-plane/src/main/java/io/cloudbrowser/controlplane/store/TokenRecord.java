package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.protocol.token.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A session token that was handed out, kept so it can be listed and revoked (never the JWT itself).
 *
 * @param revokedAt null while not revoked
 */
public record TokenRecord(String jti, String sessionId, Role role, Instant issuedAt, Instant expiresAt,
                          Instant revokedAt) {
    public TokenRecord {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
