package io.cloudbrowser.controlplane.job;

import io.cloudbrowser.controlplane.sandbox.BrowserdLink;
import io.cloudbrowser.controlplane.store.JobStore;
import java.time.Clock;

/**
 * One attempt of a job on this replica: the lease it holds ({@code owner}, {@code attempt}), its log, and the way
 * to stop it from outside (the lease was lost, the job was cancelled, the control plane stops): the browser link
 * closes, so a pending command fails at once, and the runner writes nothing more.
 */
final class JobAttempt {
    private final JobRecord claimed;
    private final String owner;
    private final JobStore store;
    private final Clock clock;
    private volatile boolean aborted;
    private volatile BrowserdLink link;

    JobAttempt(JobRecord claimed, String owner, JobStore store, Clock clock) {
        this.claimed = claimed;
        this.owner = owner;
        this.store = store;
        this.clock = clock;
    }

    JobRecord claimed() {
        return claimed;
    }

    String id() {
        return claimed.id();
    }

    String owner() {
        return owner;
    }

    int number() {
        return claimed.attempts();
    }

    /**
     * The session id the attempt's sandbox serves (and its token names): one per attempt, so a retried job's
     * sandbox never shares a log file or a token with the one before it.
     */
    String sandboxSession() {
        return claimed.id() + "-a" + claimed.attempts();
    }

    void log(String message) {
        store.log(claimed.id(), claimed.attempts(), clock.instant(), message);
    }

    /** Writes the job's next state if this attempt still holds it; false when it does not (then it stops). */
    boolean write(JobRecord next) {
        if (aborted) {
            return false;
        }
        boolean held = store.update(owner, number(), next);
        if (!held) {
            aborted = true;
        }
        return held;
    }

    void linked(BrowserdLink open) {
        this.link = open;
        if (aborted) {
            open.close();
        }
    }

    void abort() {
        aborted = true;
        BrowserdLink l = link;
        if (l != null) {
            l.close();
        }
    }

    boolean aborted() {
        return aborted;
    }
}
