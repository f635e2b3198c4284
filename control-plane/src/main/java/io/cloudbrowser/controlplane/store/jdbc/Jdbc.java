package io.cloudbrowser.controlplane.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cloudbrowser.controlplane.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Borrow a connection, run one statement, give it back; SQL errors become {@link StoreException}. */
final class Jdbc {
    /** SQLSTATE of a duplicate key, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";
    /** H2's "the database has been closed": what embedded H2 does to itself after a failed write (a full disk). */
    private static final int H2_DATABASE_CLOSED = 90098;

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, binder);
        } catch (SQLException e) {
            throw failed("store update failed", e);
        }
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        }
    }

    /** All of {@code work} or none of it: one commit (one flush to disk) for several statements. */
    void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("store transaction failed", e);
        }
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, binder, mapper);
        } catch (SQLException e) {
            throw failed("store query failed", e);
        }
    }

    static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rows = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        }
    }

    /** A value computed in one transaction: all of it or none of it. */
    interface Result<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransactionReturning(Result<T> work) {
        List<T> out = new ArrayList<>(1);
        inTransaction(c -> {
            out.add(work.run(c));
        });
        return out.get(0);
    }

    /** Inserts a row unless one with the same key exists (portable: no MERGE / ON CONFLICT). */
    void insertIfAbsent(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            update(c, sql, binder);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw failed("store update failed", e);
            }
        }
    }

    /**
     * The exception to throw for {@code e}; when the database is gone from under the pool's connections (H2 closed
     * itself after a failed write, a connection-class SQLSTATE), the pool drops them, so the next request opens the
     * database afresh: once the disk has space again, the store is back without a restart.
     */
    private StoreException failed(String what, SQLException e) {
        boolean broken = e.getErrorCode() == H2_DATABASE_CLOSED
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        if (broken && dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }

    static void setMillis(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
