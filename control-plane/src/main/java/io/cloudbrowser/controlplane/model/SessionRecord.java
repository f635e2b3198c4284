package io.cloudbrowser.controlplane.model;

import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.protocol.Viewport;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The durable facts of one session, as the store keeps them. Immutable; transitions return copies.
 *
 * @param endReason null while live
 * @param startUrl  null when none was asked for
 * @param readyAt   null until the sandbox is healthy
 * @param endedAt   null while live
 * @param sandbox   null until a sandbox is bound
 */
public record SessionRecord(
        String id,
        String userId,
        SessionStatus status,
        EndReason endReason,
        Viewport viewport,
        String startUrl,
        Duration idleTimeout,
        Instant createdAt,
        Instant readyAt,
        Instant expiresAt,
        Instant endedAt,
        Sandbox sandbox) {

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(viewport, "viewport");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (status.isLive() != (endReason == null)) {
            throw new IllegalArgumentException("endReason: " + endReason + " with status " + status);
        }
    }

    public static SessionRecord starting(String id, String userId, Viewport viewport, String startUrl,
                                         Duration idleTimeout, Instant now, Duration ttl) {
        return new SessionRecord(id, userId, SessionStatus.STARTING, null, viewport, startUrl, idleTimeout,
                now, null, now.plus(ttl), null, null);
    }

    public SessionRecord ready(Sandbox boundSandbox, Instant now) {
        return new SessionRecord(id, userId, SessionStatus.READY, null, viewport, startUrl, idleTimeout,
                createdAt, now, expiresAt, null, boundSandbox);
    }

    public SessionRecord stopping() {
        return new SessionRecord(id, userId, SessionStatus.STOPPING, null, viewport, startUrl, idleTimeout,
                createdAt, readyAt, expiresAt, null, sandbox);
    }

    public SessionRecord ended(EndReason reason, Instant now) {
        return new SessionRecord(id, userId, reason.finalStatus(), reason, viewport, startUrl, idleTimeout,
                createdAt, readyAt, expiresAt, now, sandbox);
    }
}
