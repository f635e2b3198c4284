package io.cloudbrowser.controlplane.auth;

/** Who called: the user, and which of the user's keys (its hash), for per-key rate limits. */
public record Principal(String userId, String keyId) {
}
