package io.cloudbrowser.controlplane.session;

import io.cloudbrowser.protocol.Viewport;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a caller asked a new session to be, validated and with defaults applied. */
public record NewSession(Viewport viewport, Duration ttl, Duration idleTimeout, Optional<String> startUrl) {
    public NewSession {
        Objects.requireNonNull(viewport, "viewport");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(startUrl, "startUrl");
    }
}
