package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.store.PoolEntry;
import io.cloudbrowser.controlplane.store.ReplicaStore;
import io.cloudbrowser.protocol.Viewport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@link ReplicaStore} in portable SQL; pool claims use {@code FOR UPDATE SKIP LOCKED}. */
public final class JdbcReplicaStore implements ReplicaStore {
    private static final String POOL_COLUMNS = "sandbox_id, sandbox_kind, sandbox_host, sandbox_port, sandbox_handle,"
            + " viewport_w, viewport_h, viewport_dpr, started_at, owner_replica";

    private final Jdbc jdbc;

    public JdbcReplicaStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void heartbeat(String replica, Instant startedAt, Instant now, String signingKeyId) {
        int updated = jdbc.update("UPDATE replicas SET heartbeat_at = ?, started_at = ?, signing_kid = ? WHERE id = ?",
                s -> {
                    s.setLong(1, now.toEpochMilli());
                    s.setLong(2, startedAt.toEpochMilli());
                    s.setString(3, signingKeyId);
                    s.setString(4, replica);
                });
        if (updated == 0) {
            jdbc.insertIfAbsent("INSERT INTO replicas (id, started_at, heartbeat_at, signing_kid) VALUES (?, ?, ?, ?)", s -> {
                s.setString(1, replica);
                s.setLong(2, startedAt.toEpochMilli());
                s.setLong(3, now.toEpochMilli());
                s.setString(4, signingKeyId);
            });
        }
    }

    @Override
    public Map<String, String> alive(Instant since) {
        return jdbc.query("SELECT id, signing_kid FROM replicas WHERE heartbeat_at >= ?",
                        s -> s.setLong(1, since.toEpochMilli()), row -> Map.entry(row.getString(1), row.getString(2)))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void remove(String replica) {
        jdbc.update("DELETE FROM replicas WHERE id = ?", s -> s.setString(1, replica));
    }

    @Override
    public void addToPool(PoolEntry e) {
        jdbc.update("INSERT INTO pool_sandboxes (" + POOL_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)", s -> {
            s.setString(1, e.sandbox().id());
            s.setString(2, e.sandbox().kind());
            s.setString(3, e.sandbox().host());
            s.setInt(4, e.sandbox().port());
            s.setString(5, e.sandbox().handle());
            s.setInt(6, e.viewport().w());
            s.setInt(7, e.viewport().h());
            s.setDouble(8, e.viewport().dpr());
            s.setLong(9, e.startedAt().toEpochMilli());
            s.setString(10, e.owner());
        });
    }

    @Override
    public Optional<PoolEntry> claimFromPool(double dpr, Optional<String> onlyOf) {
        return jdbc.inTransactionReturning(c -> {
            List<PoolEntry> oldest = Jdbc.query(c, "SELECT " + POOL_COLUMNS + " FROM pool_sandboxes WHERE viewport_dpr = ?"
                    + (onlyOf.isPresent() ? " AND owner_replica = ?" : "")
                    + " ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED", s -> {
                        s.setDouble(1, dpr);
                        if (onlyOf.isPresent()) {
                            s.setString(2, onlyOf.get());
                        }
                    }, JdbcReplicaStore::entry);
            for (PoolEntry entry : oldest) {
                Jdbc.update(c, "DELETE FROM pool_sandboxes WHERE sandbox_id = ?", s -> s.setString(1, entry.sandbox().id()));
            }
            return oldest.stream().findFirst();
        });
    }

    @Override
    public boolean removeFromPool(String sandboxId) {
        return jdbc.update("DELETE FROM pool_sandboxes WHERE sandbox_id = ?", s -> s.setString(1, sandboxId)) == 1;
    }

    @Override
    public List<PoolEntry> poolOf(String replica) {
        return jdbc.query("SELECT " + POOL_COLUMNS + " FROM pool_sandboxes WHERE owner_replica = ? ORDER BY started_at",
                s -> s.setString(1, replica), JdbcReplicaStore::entry);
    }

    @Override
    public List<PoolEntry> takeOrphanedPool(Set<String> alive) {
        return jdbc.inTransactionReturning(c -> {
            List<PoolEntry> orphaned = new ArrayList<>();
            for (PoolEntry entry : Jdbc.query(c, "SELECT " + POOL_COLUMNS + " FROM pool_sandboxes FOR UPDATE SKIP LOCKED",
                    s -> { }, JdbcReplicaStore::entry)) {
                if (!alive.contains(entry.owner())) {
                    Jdbc.update(c, "DELETE FROM pool_sandboxes WHERE sandbox_id = ?",
                            s -> s.setString(1, entry.sandbox().id()));
                    orphaned.add(entry);
                }
            }
            return orphaned;
        });
    }

    private static PoolEntry entry(ResultSet row) throws SQLException {
        return new PoolEntry(new Sandbox(row.getString("sandbox_id"), row.getString("sandbox_kind"),
                row.getString("sandbox_host"), row.getInt("sandbox_port"), row.getString("sandbox_handle")),
                new Viewport(row.getInt("viewport_w"), row.getInt("viewport_h"), row.getDouble("viewport_dpr")),
                Instant.ofEpochMilli(row.getLong("started_at")), row.getString("owner_replica"));
    }
}
