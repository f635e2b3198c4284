package io.cloudbrowser.controlplane.store;

/** A submit over the tenant's limit of jobs not ended (queued or running). */
public final class JobQuotaException extends RuntimeException {
    public JobQuotaException(long unfinished, int max) {
        super("the user already has " + unfinished + " queued or running jobs (max " + max + ")", null, false, false);
    }
}
