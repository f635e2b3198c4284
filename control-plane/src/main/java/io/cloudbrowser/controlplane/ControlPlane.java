package io.cloudbrowser.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.api.Json;
import io.cloudbrowser.controlplane.api.JobsApi;
import io.cloudbrowser.controlplane.api.SessionsApi;
import io.cloudbrowser.controlplane.api.http.Route;
import io.cloudbrowser.controlplane.api.http.Router;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.artifact.ArtifactStores;
import io.cloudbrowser.controlplane.auth.ApiKeyRegistry;
import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.gateway.SessionGateway;
import io.cloudbrowser.controlplane.job.JobService;
import io.cloudbrowser.controlplane.job.RetentionSweeper;
import io.cloudbrowser.controlplane.mcp.McpServer;
import io.cloudbrowser.controlplane.model.EndReason;
import io.cloudbrowser.controlplane.policy.RateLimiter;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.SandboxContext;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxProviders;
import io.cloudbrowser.controlplane.server.ApiServices;
import io.cloudbrowser.controlplane.server.HealthChecks;
import io.cloudbrowser.controlplane.server.HttpResponses;
import io.cloudbrowser.controlplane.server.HttpServer;
import io.cloudbrowser.controlplane.server.McpHttp;
import io.cloudbrowser.controlplane.session.Replica;
import io.cloudbrowser.controlplane.session.ReplicaDuties;
import io.cloudbrowser.controlplane.session.SessionLimits;
import io.cloudbrowser.controlplane.session.SessionReaper;
import io.cloudbrowser.controlplane.session.SessionService;
import io.cloudbrowser.controlplane.session.WarmPool;
import io.cloudbrowser.controlplane.store.SessionStore;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.controlplane.token.KeyPairFiles;
import io.cloudbrowser.controlplane.token.SecretFile;
import io.cloudbrowser.controlplane.token.SigningKeys;
import io.cloudbrowser.controlplane.token.TokenMinter;
import io.cloudbrowser.controlplane.webhook.WebhookSender;
import io.cloudbrowser.protocol.WireTime;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.cloudbrowser.protocol.token.TokenVerifier;
import io.cloudbrowser.webclient.WebAssets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the whole control plane from a {@link Config} and owns its one ordered {@link #close()}:
 * stop taking requests, stop the reaper and the pool, end every session (stopping its sandbox),
 * stop anything left, then close the database. Ready = every component's readiness.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
    private static final int BLOCKING_THREADS = 32;
    private static final Duration IDLE_THREAD_KEEP_ALIVE = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> closeInOrder = new ConcurrentLinkedDeque<>();
    private HttpServer server;
    private URI publicUrl;
    private Optional<String> generatedApiKey = Optional.empty();

    private ControlPlane() {
    }

    public static ControlPlane start(Config config) {
        ControlPlane plane = new ControlPlane();
        try {
            plane.build(config);
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void build(Config config) {
        Clock clock = WireTime.clock();
        Path dataDir = createDirectories(config.dataDir().toAbsolutePath().normalize());
        server = HttpServer.bind(config.host(), config.port());
        onClose(server::stop);
        publicUrl = config.publicUrlFor(server.port());

        DataDirLock lock = DataDirLock.acquire(dataDir);
        onClose(lock);
        JdbcDatabase database = JdbcDatabase.open(config.database(), dataDir);
        onClose(database);
        Replica replica = Replica.of(config.replicaId(), dataDir, clock.instant(), config.lease());
        SessionStore store = database.sessions();
        ApiKeyRegistry apiKeys = ApiKeyRegistry.load(config.apiKeys(), database.apiKeys(), clock);
        generatedApiKey = apiKeys.generatedKey();

        SigningKeys keys = KeyPairFiles.loadOrCreate(config.keysDirIn(dataDir));
        ObjectMapper json = Json.mapper();
        TokenMinter minter = new TokenMinter(keys, clock);
        BrowserdClient browserd = new BrowserdClient(json, minter);
        SandboxProvider provider = SandboxProviders.create(config,
                new SandboxContext(dataDir, keys.trustedPem(), browserOrigins(config), browserd));
        onClose(provider);

        WarmPool pool = warmPool(config, provider, browserd, database, replica, clock);
        SessionService sessions = sessions(config, store, provider, replica, pool, minter, browserd, clock);
        ReplicaDuties duties = new ReplicaDuties(replica, keys, database.replicas(), sessions, provider, clock);
        duties.join();
        onClose(duties::leave);
        onClose(pool);
        SessionReaper reaper = new SessionReaper(sessions, provider, browserd, pool, duties, store, clock);
        onClose(reaper);

        ArtifactStore artifacts = ArtifactStores.create(config.jobs().artifacts(), config.jobs().outputRetention(),
                dataDir, config.keysDirIn(dataDir), publicUrl, clock);
        onClose(artifacts);
        JobService jobs = jobs(config, database, provider, pool, minter, artifacts, json, replica, clock);

        pool.forgetPrevious();
        sessions.lifecycle().recover();
        jobs.startWorkers();
        RateLimiter rateLimiter = database.sharedRateBuckets()
                .map(buckets -> RateLimiter.shared(buckets, config.rateLimitPerSecond(), config.rateLimitBurst()))
                .orElseGet(() -> RateLimiter.local(config.rateLimitPerSecond(), config.rateLimitBurst()));
        server.serve(apiServices(config, clock, json, apiKeys, keys, rateLimiter,
                healthChecks(lock, store, provider, sessions, pool), sessions, jobs, artifacts));
        onClose(server::stop);
        pool.refill();
        reaper.start(config.reaperInterval());
        log.info("control plane listening on {} (data in {})", publicUrl, dataDir);
    }

    private WarmPool warmPool(Config config, SandboxProvider provider, BrowserdClient browserd, JdbcDatabase database,
                              Replica replica, Clock clock) {
        ExecutorService poolStarter = executor("warm-pool", Math.max(1, config.warmPoolSize()));
        onClose(() -> shutdown(poolStarter));
        return new WarmPool(provider, browserd, database.replicas(), replica, config.warmPoolSize(),
                config.defaultViewport(), config.warmPoolMaxAge(), poolStarter, clock);
    }

    /** Stopping stops the workers first: their attempts keep their leases and run again after a restart. */
    private JobService jobs(Config config, JdbcDatabase database, SandboxProvider provider, WarmPool pool,
                            TokenMinter minter, ArtifactStore artifacts, ObjectMapper json, Replica replica, Clock clock) {
        ExecutorService blocking = executor("job-work", Math.max(4, config.jobs().workers() * 2));
        onClose(() -> shutdown(blocking));
        JobService jobs = new JobService(database.jobs(), provider, pool, minter, artifacts, json, config.jobs(),
                replica.id(), blocking, clock);
        onClose(jobs);
        RetentionSweeper sweeper = new RetentionSweeper(database.jobs(), artifacts, config.jobs(), clock);
        onClose(sweeper);
        sweeper.start();
        return jobs;
    }

    /** Stopping ends this replica's sessions, unless their sandboxes outlive it: then it hands them over. */
    private SessionService sessions(Config config, SessionStore store, SandboxProvider provider, Replica replica,
                                    WarmPool pool, TokenMinter minter, BrowserdClient browserd, Clock clock) {
        ExecutorService blocking = executor("session-work", BLOCKING_THREADS);
        onClose(() -> shutdown(blocking));
        SessionService sessions = new SessionService(new SessionLimits(config.maxSessionsPerUser(),
                config.maxSessions()), store, provider, replica, pool, minter, browserd, blocking, clock);
        onClose(() -> {
            if (provider.sandboxesOutliveControlPlane()) {
                sessions.lifecycle().handOver();
            } else {
                sessions.lifecycle().endAll(EndReason.CONTROL_PLANE_STOPPED, config.sandboxStopTimeout().plusSeconds(5));
            }
        });
        return sessions;
    }

    private ApiServices apiServices(Config config, Clock clock, ObjectMapper json, ApiKeyRegistry apiKeys, SigningKeys keys,
                                    RateLimiter rateLimiter,
                                    HealthChecks health, SessionService sessions, JobService jobs,
                                    ArtifactStore artifacts) {
        HttpResponses responses = new HttpResponses(json);
        SessionsApi api = new SessionsApi(sessions, json, publicUrl, config);
        JobsApi jobsApi = new JobsApi(jobs, json, artifacts, config.defaultViewport(),
                UrlPolicy.parse(config.jobs().webhookUrlPolicy()), clock);
        List<Route> routes = new ArrayList<>(api.routes());
        routes.addAll(jobsApi.routes());
        WebhookSender webhooks = new WebhookSender(jobs.store(), UrlPolicy.parse(config.jobs().webhookUrlPolicy()),
                SecretFile.loadOrCreate(config.keysDirIn(config.dataDir().toAbsolutePath().normalize())
                        .resolve("webhook.key")), jobsApi::webhookBody, clock);
        onClose(webhooks);
        webhooks.start();
        McpServer mcp = new McpServer(json, sessions::readySandbox);
        onClose(mcp);
        return new ApiServices(json, responses, new Router(routes), apiKeys,
                rateLimiter,
                new WebAssets("/index.html"),
                new SessionGateway(new TokenVerifier(keys.trusted(), clock), sessions::readySandbox, responses), health,
                new McpHttp(json, responses, mcp, browserOrigins(config)), artifacts.downloads());
    }

    /** The origins browserd lets open a WebSocket: this server's public one and the configured extra ones. */
    private List<String> browserOrigins(Config config) {
        List<String> origins = new ArrayList<>();
        origins.add(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority());
        origins.addAll(config.allowedOrigins());
        return origins;
    }

    private static HealthChecks healthChecks(DataDirLock lock, SessionStore store, SandboxProvider provider,
                                             SessionService sessions,
                                             WarmPool pool) {
        return new HealthChecks() {
            @Override
            public Map<String, Boolean> readiness() {
                Map<String, Boolean> checks = new LinkedHashMap<>();
                checks.put("dataDirectory", safely(lock::intact));
                checks.put("store", safely(store::ping));
                checks.put("sandboxProvider", safely(provider::isReady));
                return checks;
            }

            @Override
            public Map<String, Integer> stats() {
                return Map.of("liveSessions", sessions.liveCount(), "warmPoolReady", pool.readyCount());
            }
        };
    }

    public int port() {
        return server.port();
    }

    public URI publicUrl() {
        return publicUrl;
    }

    /** The API key generated on this start (first start, none configured), shown once. */
    public Optional<String> generatedApiKey() {
        return generatedApiKey;
    }

    @Override
    public void close() {
        for (AutoCloseable step : closeInOrder) {
            try {
                step.close();
            } catch (Exception e) {
                log.warn("shutdown step failed: {}", e.toString());
            }
        }
        closeInOrder.clear();
    }

    /** Steps run in the reverse order of registration: what was built last closes first. */
    private void onClose(AutoCloseable step) {
        closeInOrder.addFirst(step);
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /**
     * Up to {@code threads} threads, each retired after {@link #IDLE_THREAD_KEEP_ALIVE} without work, so a burst of
     * creates does not leave a quiet control plane holding the burst's threads (the churn drill checks it).
     */
    private static ExecutorService executor(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
