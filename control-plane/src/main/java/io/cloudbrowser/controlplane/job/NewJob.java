package io.cloudbrowser.controlplane.job;

import java.util.Objects;
import java.util.Optional;

/** A validated job request: what to run, where to report its end, and the client's idempotency key. */
public record NewJob(JobSpec spec, Optional<String> webhookUrl, Optional<String> idempotencyKey) {
    public NewJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
