package io.cloudbrowser.protocol.token;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is on the other end of a connection, as proven by a verified session token.
 *
 * @param subject   the user id ({@code sub})
 * @param role      what the connection may do
 * @param tokenId   the token's {@code jti}, so a revocation can find the connections it authenticated
 * @param expiresAt the token's {@code exp}
 */
public record Principal(String subject, Role role, String tokenId, Instant expiresAt) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
