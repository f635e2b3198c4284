package io.cloudbrowser.controlplane.session;

/** Live sessions one user may hold, and this control plane at all. */
public record SessionLimits(int maxPerUser, int maxTotal) {
    public SessionLimits {
        if (maxPerUser < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("limits: " + maxPerUser + "/" + maxTotal + " (expected: >= 1)");
        }
    }
}
