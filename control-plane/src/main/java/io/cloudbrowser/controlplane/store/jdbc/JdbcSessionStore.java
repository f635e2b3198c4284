package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.SessionPage;
import io.cloudbrowser.controlplane.store.SessionStore;
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
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SessionStore} in portable SQL over any JDBC {@link DataSource} migrated by Flyway. */
public final class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS = "id, user_id, status, end_reason, viewport_w, viewport_h, viewport_dpr,"
            + " start_url, idle_timeout_ms, created_at, ready_at, expires_at, ended_at,"
            + " sandbox_id, sandbox_kind, sandbox_host, sandbox_port, sandbox_handle";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM sessions";
    private static final String TOKEN_COLUMNS = "jti, session_id, role, issued_at, expires_at, revoked_at";
    private static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_TOKEN = "INSERT INTO session_tokens (" + TOKEN_COLUMNS + ") VALUES (?,?,?,?,?,?)";
    private static final String UPDATE = "UPDATE sessions SET id = ?, user_id = ?, status = ?, end_reason = ?,"
            + " viewport_w = ?, viewport_h = ?, viewport_dpr = ?, start_url = ?, idle_timeout_ms = ?,"
            + " created_at = ?, ready_at = ?, expires_at = ?, ended_at = ?, sandbox_id = ?, sandbox_kind = ?,"
            + " sandbox_host = ?, sandbox_port = ?, sandbox_handle = ? WHERE id = ?";

    private final Jdbc jdbc;

    public JdbcSessionStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void insert(SessionRecord session) {
        jdbc.update(INSERT, s -> bindAll(s, session));
    }

    @Override
    public void insertWithToken(SessionRecord session, TokenRecord token) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, INSERT, s -> bindAll(s, session));
            Jdbc.update(c, INSERT_TOKEN, s -> bindToken(s, token));
        });
    }

    @Override
    public void update(SessionRecord session) {
        jdbc.inTransaction(c -> update(c, session));
    }

    @Override
    public void updateWithToken(SessionRecord session, TokenRecord token) {
        jdbc.inTransaction(c -> {
            update(c, session);
            Jdbc.update(c, INSERT_TOKEN, s -> bindToken(s, token));
        });
    }

    private static void update(Connection c, SessionRecord session) throws SQLException {
        int rows = Jdbc.update(c, UPDATE, s -> {
            bindAll(s, session);
            s.setString(19, session.id());
        });
        if (rows != 1) {
            throw new SQLException("no stored session " + session.id());
        }
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
    public List<SessionRecord> findLive() {
        return jdbc.query(SELECT + " WHERE status IN (?, ?, ?) ORDER BY created_at", s -> {
            s.setString(1, SessionStatus.STARTING.wireName());
            s.setString(2, SessionStatus.READY.wireName());
            s.setString(3, SessionStatus.STOPPING.wireName());
        }, JdbcSessionStore::session);
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
