package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Durable sessions and the tokens handed out for them, shared by every control-plane replica on the
 * same database: the stored status is the truth, changed only by {@link #transition}, and each live session
 * is owned (leased) by one replica. Implementation: {@code jdbc/} over the embedded H2 file (the default) or
 * PostgreSQL. Every method may throw {@link StoreException}; every implementation passes
 * {@code SessionStoreContract}.
 */
public interface SessionStore {
    /**
     * Inserts a starting session owned by {@code owner} if the quotas allow it, in one transaction that every
     * replica's creates serialize on (per user, and for the total), so the limits hold exactly.
     *
     * @throws QuotaException when the user's or the total limit of live sessions is reached
     */
    void reserve(SessionRecord starting, String owner, Instant leaseUntil, int maxPerUser, int maxTotal);

    /**
     * Replaces the stored row of {@code next.id()} only if its status is still {@code expected}: the one way
     * state changes, so two replicas never both perform a transition (a stop, a ready).
     *
     * @return whether the row was in {@code expected} and is now {@code next}
     */
    boolean transition(SessionStatus expected, SessionRecord next);

    /** {@link #transition} and {@link #insertToken} in one transaction (a session made ready and its first token). */
    boolean transitionWithToken(SessionStatus expected, SessionRecord next, TokenRecord token);

    Optional<SessionRecord> find(String id);

    /** The session and what its owner last saw of its sandbox, in one read (any replica's GET). */
    Optional<StoredSession> findWithActivity(String id);

    /** The user's sessions, newest first, strictly after {@code after} when present. */
    SessionPage listByUser(String userId, Optional<SessionPage.Cursor> after, int limit);

    /**
     * Live sessions (starting, ready, stopping: the ones a sandbox may back) that {@code owner} holds, after
     * giving it those nobody holds (stored before replicas existed): what a restarted control plane recovers.
     */
    List<SessionRecord> recoverLive(String owner, Instant leaseUntil);

    void insertToken(TokenRecord token);

    Optional<TokenRecord> findToken(String jti);

    /** Marks the token revoked at {@code at} unless it already was; returns the stored token after. */
    Optional<TokenRecord> revokeToken(String jti, Instant at);

    /**
     * Extends the leases of {@code owner}'s live sessions to {@code until}.
     *
     * @return the ids of the live sessions {@code owner} still holds (others may have ended some meanwhile)
     */
    Set<String> renewLeases(String owner, Instant until);

    /**
     * Live sessions whose lease lapsed before {@code now} (their owner died), now owned by {@code owner} until
     * {@code until}; at most {@code limit}. Concurrent callers never get the same session.
     */
    List<SessionRecord> takeOverLapsed(String owner, Instant now, Instant until, int limit);

    /** Gives up {@code owner}'s leases now, so another replica takes its sessions over at once. */
    void releaseLeases(String owner);

    /** What the session's owner last saw of its sandbox, for any replica's answers. */
    void recordActivity(String id, Instant lastActivityAt, int viewers);

    /** The last recorded activity of these sessions, by id (none for sessions without any). */
    Map<String, Activity> activity(Collection<String> ids);

    /** A cheap round trip, for readiness. */
    boolean ping();
}
