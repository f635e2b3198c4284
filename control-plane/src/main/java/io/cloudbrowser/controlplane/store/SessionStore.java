package io.cloudbrowser.controlplane.store;

import io.cloudbrowser.controlplane.model.SessionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable sessions and the tokens handed out for them. Implementations: {@code jdbc/} over an
 * embedded H2 file ({@code h2/}, the default) or any database the same portable SQL runs on.
 * Every method may throw {@link StoreException}.
 */
public interface SessionStore {
    void insert(SessionRecord session);

    /** Replaces the stored row of {@code session.id()}. */
    void update(SessionRecord session);

    Optional<SessionRecord> find(String id);

    /** The user's sessions, newest first, strictly after {@code after} when present. */
    SessionPage listByUser(String userId, Optional<SessionPage.Cursor> after, int limit);

    /** Sessions whose status is live (starting, ready, stopping): the ones a sandbox may back. */
    List<SessionRecord> findLive();

    void insertToken(TokenRecord token);

    /** {@link #update} and {@link #insertToken} in one transaction (a session made ready and its first token). */
    void updateWithToken(SessionRecord session, TokenRecord token);

    /** {@link #insert} and {@link #insertToken} in one transaction (a session ready at once, and its token). */
    void insertWithToken(SessionRecord session, TokenRecord token);

    Optional<TokenRecord> findToken(String jti);

    /** Marks the token revoked at {@code at} unless it already was; returns the stored token after. */
    Optional<TokenRecord> revokeToken(String jti, Instant at);

    /** A cheap round trip, for readiness. */
    boolean ping();
}
