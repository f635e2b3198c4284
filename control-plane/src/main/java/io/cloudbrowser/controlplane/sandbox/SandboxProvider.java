package io.cloudbrowser.controlplane.sandbox;

import java.util.Optional;
import java.util.Set;

/**
 * Starts, finds and stops browserd sandboxes. Implementations: {@code local/} (child processes on
 * this machine), chosen by {@code CP_SANDBOX_PROVIDER} through {@link SandboxProviders}. Every
 * implementation passes {@code SandboxProviderContract} in the tests. Methods that start something
 * clean it up before they throw.
 */
public interface SandboxProvider extends AutoCloseable {
    String kind();

    /** Starts a sandbox and returns once its browserd reports ready (for the spec's session, if any). */
    Sandbox create(SandboxSpec spec) throws SandboxException;

    /**
     * Binds a pool-mode sandbox to {@code spec.sessionId()} without restarting it; resizes its page
     * to {@code spec.viewport()} only if {@code resize} (a resize costs browserd a browser round trip).
     */
    Sandbox claim(Sandbox pooled, SandboxSpec spec, boolean resize) throws SandboxException;

    SandboxState state(Sandbox sandbox);

    /** Stops the sandbox and everything it started; idempotent; returns when all of it is gone. */
    void stop(Sandbox sandbox);

    /**
     * Takes over a sandbox recorded by an earlier run of the control plane, if it still runs and
     * still serves {@code sessionId}; otherwise empty (and the caller stops it).
     */
    Optional<Sandbox> adopt(Sandbox recorded, String sessionId);

    /** Stops every sandbox of this control plane not in {@code keep}; returns how many it stopped. */
    int reapOrphans(Set<String> keep);

    /**
     * Whether every replica of the control plane can reach and stop this provider's sandboxes (pods on a cluster
     * network), so any replica may claim another's pool sandboxes; local child processes are this machine's.
     */
    default boolean reachableFromEveryReplica() {
        return false;
    }

    /**
     * Whether sandboxes keep running when the control plane stops, so a stopping control plane hands its
     * sessions over (another replica, or itself restarted, takes them on) instead of ending them.
     */
    default boolean sandboxesOutliveControlPlane() {
        return false;
    }

    /** Whether {@link #create} can work at all (for /ready). */
    boolean isReady();

    /** Stops every sandbox this provider started or adopted. */
    @Override
    void close();
}
