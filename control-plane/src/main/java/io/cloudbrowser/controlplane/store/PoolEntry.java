package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.protocol.Viewport;
import java.time.Instant;
import java.util.Objects;

/** A warm sandbox waiting for a session, and the replica that started it (and replaces it when it grows old). */
public record PoolEntry(Sandbox sandbox, Viewport viewport, Instant startedAt, String owner) {
    public PoolEntry {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(viewport, "viewport");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(owner, "owner");
    }
}
