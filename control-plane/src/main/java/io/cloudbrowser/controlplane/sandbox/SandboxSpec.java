package io.cloudbrowser.controlplane.sandbox;

import io.cloudbrowser.protocol.Viewport;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sandbox is started (or claimed) for.
 *
 * @param sessionId   empty = pool mode: started warm, bound to a session later by a claim
 * @param idleTimeout browserd's own idle timeout (a backstop: the reaper acts first)
 * @param maxLifetime browserd's own max lifetime (a backstop too)
 * @param startUrl    first page, when one was asked for
 */
public record SandboxSpec(Optional<String> sessionId, Viewport viewport, Duration idleTimeout,
                          Duration maxLifetime, Optional<String> startUrl) {
    public SandboxSpec {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(viewport, "viewport");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(startUrl, "startUrl");
    }

    public static SandboxSpec forSession(String sessionId, Viewport viewport, Duration idleTimeout,
                                         Duration maxLifetime, Optional<String> startUrl) {
        return new SandboxSpec(Optional.of(sessionId), viewport, idleTimeout, maxLifetime, startUrl);
    }

    /** A warm sandbox: it lives {@code maxAge} unless claimed first. */
    public static SandboxSpec forPool(Viewport viewport, Duration maxAge) {
        return new SandboxSpec(Optional.empty(), viewport, maxAge, maxAge, Optional.empty());
    }
}
