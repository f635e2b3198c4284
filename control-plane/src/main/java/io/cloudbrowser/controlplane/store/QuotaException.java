package io.cloudbrowser.controlplane.store;

/** A reservation the quotas do not allow. */
public final class QuotaException extends RuntimeException {
    /** Which limit. */
    public enum Limit {
        PER_USER, TOTAL
    }

    private final Limit limit;
    private final long live;

    public QuotaException(Limit limit, long live, int max) {
        super((limit == Limit.PER_USER ? "the user already has " : "the service runs ") + live
                + " live sessions (max " + max + ")", null, false, false);
        this.limit = limit;
        this.live = live;
    }

    public Limit limit() {
        return limit;
    }

    public long live() {
        return live;
    }
}
