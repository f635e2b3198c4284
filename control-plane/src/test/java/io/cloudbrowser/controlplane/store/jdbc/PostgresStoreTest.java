package io.cloudbrowser.controlplane.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.store.SessionStoreContract;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.controlplane.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL, the database several control planes share. */
class PostgresStoreTest extends SessionStoreContract {
    private static final Path UNUSED_DATA_DIR = TestEnvironment.newDataDir("pg-store");
    private DatabaseConfig database;

    @Override
    protected JdbcDatabase openFresh() {
        database = TestPostgres.freshDatabase();
        return reopen();
    }

    @Override
    protected JdbcDatabase reopen() {
        return JdbcDatabase.open(Optional.of(database), UNUSED_DATA_DIR);
    }

    @Test
    void replicasStartingAtTheSameMomentMigrateAnEmptyDatabaseOnce() throws Exception {
        DatabaseConfig empty = TestPostgres.freshDatabase();
        int replicas = 4;
        CyclicBarrier together = new CyclicBarrier(replicas);
        ExecutorService starts = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<JdbcDatabase>> opened = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Callable<JdbcDatabase> start = () -> {
                    together.await();
                    return JdbcDatabase.open(Optional.of(empty), UNUSED_DATA_DIR);
                };
                opened.add(starts.submit(start));
            }
            for (Future<JdbcDatabase> replica : opened) {
                try (JdbcDatabase db = replica.get()) {
                    assertEquals(true, db.sessions().ping());
                }
            }
        } finally {
            starts.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(empty.url().jdbcUrl(), empty.user().orElseThrow(),
                empty.password().orElseThrow());
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT version, count(*) FROM flyway_schema_history WHERE success GROUP BY version ORDER BY version")) {
            while (rows.next()) {
                assertEquals(1, rows.getInt(2), "migration " + rows.getString(1) + " ran once");
            }
        }
    }
}
