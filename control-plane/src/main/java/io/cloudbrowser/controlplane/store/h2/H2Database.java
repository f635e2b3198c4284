package io.cloudbrowser.controlplane.store.h2;

import io.cloudbrowser.controlplane.store.StoreException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded database: one H2 file in the data directory, migrated by Flyway on open, pooled.
 * H2's file lock keeps a second control plane off the same data directory.
 */
public final class H2Database implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 16;

    private final JdbcConnectionPool pool;

    private H2Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code <dataDir>/db/control-plane.mv.db} and migrates it. */
    public static H2Database open(Path dataDir) {
        // WRITE_DELAY=0: a commit is on disk before we answer, so a killed control plane loses nothing.
        // DB_CLOSE_ON_EXIT=FALSE: our own shutdown stops sandboxes first and needs the database for it.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("control-plane")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            pool.dispose();
            throw new StoreException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
        return new H2Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
