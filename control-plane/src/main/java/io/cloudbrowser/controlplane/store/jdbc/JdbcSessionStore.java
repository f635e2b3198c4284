package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.Activity;
import io.cloudbrowser.controlplane.store.QuotaException;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.StoredSession;
import io.cloudbrowser.controlplane.store.TokenRecord;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@link SessionStore} in portable SQL over any JDBC {@link DataSource} migrated by Flyway. */
public final class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS = "id, user_id, status, end_reason, viewport_w, viewport_h, viewport_dpr,"
            + " start_url, idle_timeout_ms, created_at, ready_at, expires_at, ended_at,"
            + " sandbox_id, sandbox_kind, sandbox_host, sandbox_port, sandbox_handle";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM sessions";
    private static final String TOKEN_COLUMNS = "jti, session_id, role, issued_at, expires_at, revoked_at";
    private static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ", owner_replica, lease_until)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_TOKEN = "INSERT INTO session_tokens (" + TOKEN_COLUMNS + ") VALUES (?,?,?,?,?,?)";
    private static final String UPDATE = "UPDATE sessions SET id = ?, user_id = ?, status = ?, end_reason = ?,"
            + " viewport_w = ?, viewport_h = ?, viewport_dpr = ?, start_url = ?, idle_timeout_ms = ?,"
            + " created_at = ?, ready_at = ?, expires_at = ?, ended_at = ?, sandbox_id = ?, sandbox_kind = ?,"
            + " sandbox_host = ?, sandbox_port = ?, sandbox_handle = ? WHERE id = ? AND status = ?";
    private static final String LIVE = "status IN (?, ?, ?)";
    /** The quota lock row every create takes, beside its user's. */
    private static final String ALL_USERS = "*";

    private final Jdbc jdbc;

    public JdbcSessionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void reserve(SessionRecord starting, String owner, Instant leaseUntil, int maxPerUser, int maxTotal) {
        // The lock rows exist before the transaction: a failed insert would abort a PostgreSQL transaction.
        jdbc.insertIfAbsent("INSERT INTO quota_locks (user_id) VALUES (?)", s -> s.setString(1, ALL_USERS));
        jdbc.insertIfAbsent("INSERT INTO quota_locks (user_id) VALUES (?)", s -> s.setString(1, starting.userId()));
        jdbc.inTransaction(c -> {
            // '*' sorts before every user id: every create takes the two locks in the same order, no deadlock.
            Jdbc.query(c, "SELECT user_id FROM quota_locks WHERE user_id IN (?, ?) ORDER BY user_id FOR UPDATE", s -> {
                s.setString(1, ALL_USERS);
                s.setString(2, starting.userId());
            }, row -> row.getString(1));
            long mine = count(c, " AND user_id = ?", starting.userId());
            if (mine >= maxPerUser) {
                throw new QuotaException(QuotaException.Limit.PER_USER, mine, maxPerUser);
            }
            long all = count(c, "", null);
            if (all >= maxTotal) {
                throw new QuotaException(QuotaException.Limit.TOTAL, all, maxTotal);
            }
            Jdbc.update(c, INSERT, s -> {
                bindAll(s, starting);
                s.setString(19, owner);
                Jdbc.setMillis(s, 20, leaseUntil);
            });
        });
    }

    private static long count(Connection c, String filter, String userId) throws SQLException {
        return Jdbc.query(c, "SELECT count(*) FROM sessions WHERE status IN (?, ?, ?)" + filter, s -> {
            bindLive(s, 1);
            if (userId != null) {
                s.setString(4, userId);
            }
        }, row -> row.getLong(1)).get(0);
    }

    @Override
    public boolean transition(SessionStatus expected, SessionRecord next) {
        return jdbc.inTransactionReturning(c -> transition(c, expected, next));
    }

    @Override
    public boolean transitionWithToken(SessionStatus expected, SessionRecord next, TokenRecord token) {
        return jdbc.inTransactionReturning(c -> {
            if (!transition(c, expected, next)) {
                return false;
            }
            Jdbc.update(c, INSERT_TOKEN, s -> bindToken(s, token));
            return true;
        });
    }

    private static boolean transition(Connection c, SessionStatus expected, SessionRecord next) throws SQLException {
        return Jdbc.update(c, UPDATE, s -> {
            bindAll(s, next);
            s.setString(19, next.id());
            s.setString(20, expected.wireName());
        }) == 1;
    }

    @Override
    public Optional<StoredSession> findWithActivity(String id) {
        return jdbc.query("SELECT " + COLUMNS + ", last_activity_at, viewers FROM sessions WHERE id = ?",
                s -> s.setString(1, id), row -> {
                    Instant lastActivity = Jdbc.getInstant(row, "last_activity_at");
                    return new StoredSession(session(row), lastActivity == null ? Optional.empty()
                            : Optional.of(new Activity(lastActivity, row.getInt("viewers"))));
                }).stream().findFirst();
    }

    @Override
    public Optional<SessionRecord> find(String id) {
        return jdbc.query(SELECT + " WHERE id = ?", s -> s.setString(1, id), JdbcSessionStore::session)
                .stream().findFirst();
    }

    @Override
    public SessionPage listByUser(String userId, Optional<SessionPage.Cursor> after, int limit) {
        // One row more than asked tells whether a next page exists.
        List<SessionRecord> rows = after.isEmpty()
                ? jdbc.query(SELECT + " WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?", s -> {
                    s.setString(1, userId);
                    s.setInt(2, limit + 1);
                }, JdbcSessionStore::session)
                : jdbc.query(SELECT + " WHERE user_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))"
                        + " ORDER BY created_at DESC, id DESC LIMIT ?", s -> {
                    SessionPage.Cursor cursor = after.get();
                    s.setString(1, userId);
                    s.setLong(2, cursor.createdAt().toEpochMilli());
                    s.setLong(3, cursor.createdAt().toEpochMilli());
                    s.setString(4, cursor.id());
                    s.setInt(5, limit + 1);
                }, JdbcSessionStore::session);
        if (rows.size() <= limit) {
            return new SessionPage(rows, Optional.empty());
        }
        List<SessionRecord> page = rows.subList(0, limit);
        return new SessionPage(page, Optional.of(SessionPage.Cursor.after(page.get(limit - 1))));
    }

    @Override
    public List<SessionRecord> recoverLive(String owner, Instant leaseUntil) {
        return jdbc.inTransactionReturning(c -> {
            Jdbc.update(c, "UPDATE sessions SET owner_replica = ?, lease_until = ? WHERE owner_replica IS NULL AND "
                    + LIVE, s -> {
                        s.setString(1, owner);
                        s.setLong(2, leaseUntil.toEpochMilli());
                        bindLive(s, 3);
                    });
            return Jdbc.query(c, SELECT + " WHERE " + LIVE + " AND owner_replica = ? ORDER BY created_at", s -> {
                bindLive(s, 1);
                s.setString(4, owner);
            }, JdbcSessionStore::session);
        });
    }

    @Override
    public Set<String> renewLeases(String owner, Instant until) {
        return jdbc.inTransactionReturning(c -> {
            Jdbc.update(c, "UPDATE sessions SET lease_until = ? WHERE owner_replica = ? AND " + LIVE, s -> {
                s.setLong(1, until.toEpochMilli());
                s.setString(2, owner);
                bindLive(s, 3);
            });
            return Set.copyOf(Jdbc.query(c, "SELECT id FROM sessions WHERE owner_replica = ? AND " + LIVE, s -> {
                s.setString(1, owner);
                bindLive(s, 2);
            }, row -> row.getString(1)));
        });
    }

    @Override
    public List<SessionRecord> takeOverLapsed(String owner, Instant now, Instant until, int limit) {
        return jdbc.inTransactionReturning(c -> {
            List<SessionRecord> lapsed = Jdbc.query(c, SELECT + " WHERE " + LIVE + " AND lease_until < ?"
                    + " ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED", s -> {
                        bindLive(s, 1);
                        s.setLong(4, now.toEpochMilli());
                        s.setInt(5, limit);
                    }, JdbcSessionStore::session);
            for (SessionRecord record : lapsed) {
                Jdbc.update(c, "UPDATE sessions SET owner_replica = ?, lease_until = ? WHERE id = ?", s -> {
                    s.setString(1, owner);
                    s.setLong(2, until.toEpochMilli());
                    s.setString(3, record.id());
                });
            }
            return lapsed;
        });
    }

    @Override
    public void releaseLeases(String owner) {
        jdbc.update("UPDATE sessions SET lease_until = 0 WHERE owner_replica = ? AND " + LIVE, s -> {
            s.setString(1, owner);
            bindLive(s, 2);
        });
    }

    @Override
    public void recordActivity(String id, Instant lastActivityAt, int viewers) {
        jdbc.update("UPDATE sessions SET last_activity_at = ?, viewers = ? WHERE id = ?", s -> {
            s.setLong(1, lastActivityAt.toEpochMilli());
            s.setInt(2, viewers);
            s.setString(3, id);
        });
    }

    @Override
    public Map<String, Activity> activity(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> list = List.copyOf(ids);
        String marks = String.join(", ", Collections.nCopies(list.size(), "?"));
        return jdbc.query("SELECT id, last_activity_at, viewers FROM sessions WHERE last_activity_at IS NOT NULL"
                + " AND id IN (" + marks + ")", s -> {
                    for (int i = 0; i < list.size(); i++) {
                        s.setString(i + 1, list.get(i));
                    }
                }, row -> Map.entry(row.getString(1), new Activity(Instant.ofEpochMilli(row.getLong(2)), row.getInt(3))))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void bindLive(PreparedStatement s, int first) throws SQLException {
        s.setString(first, SessionStatus.STARTING.wireName());
        s.setString(first + 1, SessionStatus.READY.wireName());
        s.setString(first + 2, SessionStatus.STOPPING.wireName());
    }

    @Override
    public void insertToken(TokenRecord token) {
        jdbc.update(INSERT_TOKEN, s -> bindToken(s, token));
    }

    private static void bindToken(PreparedStatement s, TokenRecord token) throws SQLException {
        s.setString(1, token.jti());
        s.setString(2, token.sessionId());
        s.setString(3, token.role().wireName());
        Jdbc.setMillis(s, 4, token.issuedAt());
        Jdbc.setMillis(s, 5, token.expiresAt());
        Jdbc.setMillis(s, 6, token.revokedAt());
    }

    @Override
    public Optional<TokenRecord> findToken(String jti) {
        return jdbc.query("SELECT " + TOKEN_COLUMNS + " FROM session_tokens WHERE jti = ?",
                s -> s.setString(1, jti), JdbcSessionStore::token).stream().findFirst();
    }

    @Override
    public Optional<TokenRecord> revokeToken(String jti, Instant at) {
        jdbc.update("UPDATE session_tokens SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL", s -> {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, jti);
        });
        return findToken(jti);
    }

    @Override
    public boolean ping() {
        return jdbc.query("SELECT 1", s -> { }, row -> row.getInt(1)).equals(List.of(1));
    }

    private static void bindAll(PreparedStatement s, SessionRecord r) throws SQLException {
        s.setString(1, r.id());
        s.setString(2, r.userId());
        s.setString(3, r.status().wireName());
        s.setString(4, r.endReason() == null ? null : r.endReason().wireName());
        s.setInt(5, r.viewport().w());
        s.setInt(6, r.viewport().h());
        s.setDouble(7, r.viewport().dpr());
        s.setString(8, r.startUrl());
        s.setLong(9, r.idleTimeout().toMillis());
        Jdbc.setMillis(s, 10, r.createdAt());
        Jdbc.setMillis(s, 11, r.readyAt());
        Jdbc.setMillis(s, 12, r.expiresAt());
        Jdbc.setMillis(s, 13, r.endedAt());
        Sandbox box = r.sandbox();
        s.setString(14, box == null ? null : box.id());
        s.setString(15, box == null ? null : box.kind());
        s.setString(16, box == null ? null : box.host());
        if (box == null) {
            s.setNull(17, Types.INTEGER);
        } else {
            s.setInt(17, box.port());
        }
        s.setString(18, box == null ? null : box.handle());
    }

    private static SessionRecord session(ResultSet row) throws SQLException {
        String endReason = row.getString("end_reason");
        String sandboxId = row.getString("sandbox_id");
        Sandbox sandbox = sandboxId == null ? null : new Sandbox(sandboxId, row.getString("sandbox_kind"),
                row.getString("sandbox_host"), row.getInt("sandbox_port"), row.getString("sandbox_handle"));
        return new SessionRecord(
                row.getString("id"),
                row.getString("user_id"),
                SessionStatus.fromWireName(row.getString("status")),
                endReason == null ? null : EndReason.fromWireName(endReason),
                new Viewport(row.getInt("viewport_w"), row.getInt("viewport_h"), row.getDouble("viewport_dpr")),
                row.getString("start_url"),
                Duration.ofMillis(row.getLong("idle_timeout_ms")),
                Jdbc.getInstant(row, "created_at"),
                Jdbc.getInstant(row, "ready_at"),
                Jdbc.getInstant(row, "expires_at"),
                Jdbc.getInstant(row, "ended_at"),
                sandbox);
    }

    private static TokenRecord token(ResultSet row) throws SQLException {
        String jti = row.getString("jti");
        Role role = Role.fromWireName(row.getString("role"))
                .orElseThrow(() -> new SQLException("token " + jti + " has an unknown role"));
        return new TokenRecord(jti, row.getString("session_id"), role, Jdbc.getInstant(row, "issued_at"),
                Jdbc.getInstant(row, "expires_at"), Jdbc.getInstant(row, "revoked_at"));
    }
}
