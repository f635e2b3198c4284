package io.cloudbrowser.controlplane.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.config.DatabaseUrl;
import io.cloudbrowser.controlplane.store.ApiKeyStore;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.ReplicaStore;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.StoreException;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The database the stores live in, chosen by {@code CP_DATABASE_URL}: absent, the embedded H2 file
 * {@code <dataDir>/db/control-plane.mv.db}; else the database the URL names (PostgreSQL for several control
 * planes). Pooled by HikariCP and migrated by Flyway ({@code db/migration}, portable SQL), whatever database it
 * is; Flyway's lock lets replicas that start at the same moment migrate an empty database once. H2's file lock
 * keeps a second control plane off the same embedded file.
 */
public final class JdbcDatabase implements AutoCloseable {
    private static final int EMBEDDED_CONNECTIONS = 16;

    private final HikariDataSource pool;
    private final SessionStore sessions;
    private final ApiKeyStore apiKeys;
    private final ReplicaStore replicas;
    private final JobStore jobs;
    private final DatabaseUrl.Kind kind;

    private JdbcDatabase(HikariDataSource pool, DatabaseUrl.Kind kind) {
        this.pool = pool;
        this.kind = kind;
        this.sessions = new JdbcSessionStore(pool);
        this.apiKeys = new JdbcApiKeyStore(pool);
        this.replicas = new JdbcReplicaStore(pool);
        this.jobs = new JdbcJobStore(pool);
    }

    /** Opens (creating the embedded file if needed) and migrates the configured database. */
    public static JdbcDatabase open(Optional<DatabaseConfig> database, Path dataDir) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("store");
        if (database.isPresent()) {
            DatabaseConfig config = database.get();
            hikari.setJdbcUrl(config.url().jdbcUrl());
            config.user().ifPresent(hikari::setUsername);
            config.password().ifPresent(hikari::setPassword);
            hikari.setMaximumPoolSize(config.poolSize());
        } else {
            hikari.setJdbcUrl(embeddedUrl(dataDir));
            hikari.setUsername("sa");
            hikari.setMaximumPoolSize(EMBEDDED_CONNECTIONS);
        }
        // A start against a database that is down fails within seconds, with the reason, instead of hanging.
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionTimeout(10_000);
        String where = database.isPresent() ? "the database of CP_DATABASE_URL" : "the database in " + dataDir;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot open " + where + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate " + where + ": " + e.getMessage(), e);
        }
        return new JdbcDatabase(pool, database.map(d -> d.url().kind()).orElse(DatabaseUrl.Kind.H2));
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public SessionStore sessions() {
        return sessions;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    public ReplicaStore replicas() {
        return replicas;
    }

    public JobStore jobs() {
        return jobs;
    }

    /**
     * Request-rate buckets all replicas share, on PostgreSQL (the database replicas share); empty on the
     * embedded file, which one control plane has to itself.
     */
    public Optional<ProxyManager<String>> sharedRateBuckets() {
        if (kind != DatabaseUrl.Kind.POSTGRESQL) {
            return Optional.empty();
        }
        return Optional.of(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_buckets").idColumn("id").stateColumn("state").build());
    }

    @Override
    public void close() {
        pool.close();
    }
}
