package io.cloudbrowser.controlplane.store.jdbc;

import io.cloudbrowser.controlplane.config.DatabaseUrl;
import io.cloudbrowser.controlplane.store.ApiKeyStore;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The database the stores live in, chosen by {@code CP_DATABASE_URL}: absent, the embedded H2 file
 * {@code <dataDir>/db/control-plane.mv.db}; else the JDBC URL given. Opened pooled and migrated by Flyway
 * ({@code db/migration}, portable SQL), whatever database it is. H2's file lock keeps a second control plane
 * off the same embedded file.
 */
public final class JdbcDatabase implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 16;

    private final JdbcConnectionPool pool;
    private final SessionStore sessions;
    private final ApiKeyStore apiKeys;

    private JdbcDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
        this.sessions = new JdbcSessionStore(pool);
        this.apiKeys = new JdbcApiKeyStore(pool);
    }

    /** Opens (creating the embedded file if needed) and migrates the configured database. */
    public static JdbcDatabase open(Optional<DatabaseUrl> url, Path dataDir) {
        String jdbcUrl = url.map(DatabaseUrl::jdbcUrl).orElseGet(() -> embeddedUrl(dataDir));
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            migrate(pool);
        } catch (FlywayException e) {
            pool.dispose();
            throw new StoreException("cannot open the database " + (url.isPresent() ? "of CP_DATABASE_URL" : "in "
                    + dataDir) + ": " + e.getMessage(), e);
        }
        return new JdbcDatabase(pool);
    }

    /**
     * WRITE_DELAY=0: a commit is on disk before we answer, so a killed control plane loses nothing.
     * DB_CLOSE_ON_EXIT=FALSE: our own shutdown stops sandboxes first and needs the database for it.
     */
    private static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("control-plane")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The schema's migrations, for any database the store runs on. */
    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public SessionStore sessions() {
        return sessions;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
