package io.cloudbrowser.controlplane.config;

import io.cloudbrowser.protocol.Viewport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of the control plane, validated once. Read by {@link ConfigLoader} from flags and
 * environment; each setting, its default and its meaning are listed in {@link Setting}.
 *
 * @param publicUrl       base URL clients use to reach this control plane; empty = http://host:boundPort
 * @param database        the store's database; empty = the embedded H2 file in the data directory
 * @param sandboxProvider where sandboxes run; its own settings are in the group of that name ({@link #local})
 * @param apiKeys         API key -> user id, from configuration (the store may hold more)
 * @param sandboxEnv      extra environment for every sandbox, beside browserd's own settings
 * @param jobs            browser jobs: workers, limits, retention, where outputs are kept
 */
public record Config(
        String host,
        int port,
        Optional<URI> publicUrl,
        Path dataDir,
        Optional<Path> keysDir,
        Optional<DatabaseConfig> database,
        SandboxProviderKind sandboxProvider,
        Map<String, String> apiKeys,
        int maxSessionsPerUser,
        int maxSessions,
        int rateLimitPerSecond,
        int rateLimitBurst,
        int warmPoolSize,
        Duration warmPoolMaxAge,
        LocalProviderConfig local,
        Map<String, String> sandboxEnv,
        Duration defaultTtl,
        Duration maxTtl,
        Duration defaultIdleTimeout,
        Duration maxIdleTimeout,
        Viewport defaultViewport,
        Duration sandboxStartTimeout,
        Duration sandboxStopTimeout,
        Duration reaperInterval,
        Optional<String> replicaId,
        Duration lease,
        List<String> allowedOrigins,
        JobsConfig jobs) {

    public Config {
        requireNonBlank("host", host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.ifPresent(Config::checkPublicUrl);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keysDir, "keysDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(sandboxProvider, "sandboxProvider");
        apiKeys = Map.copyOf(apiKeys);
        apiKeys.forEach(Config::checkApiKey);
        atLeast("maxSessionsPerUser", maxSessionsPerUser, 1);
        atLeast("maxSessions", maxSessions, 1);
        atLeast("rateLimitPerSecond", rateLimitPerSecond, 1);
        atLeast("rateLimitBurst", rateLimitBurst, 1);
        atLeast("warmPoolSize", warmPoolSize, 0);
        positive("warmPoolMaxAge", warmPoolMaxAge);
        Objects.requireNonNull(local, "local");
        sandboxEnv = Map.copyOf(sandboxEnv);
        positive("defaultTtl", defaultTtl);
        notLonger("defaultTtl", defaultTtl, "maxTtl", maxTtl);
        positive("defaultIdleTimeout", defaultIdleTimeout);
        notLonger("defaultIdleTimeout", defaultIdleTimeout, "maxIdleTimeout", maxIdleTimeout);
        Objects.requireNonNull(defaultViewport, "defaultViewport");
        positive("sandboxStartTimeout", sandboxStartTimeout);
        positive("sandboxStopTimeout", sandboxStopTimeout);
        positive("reaperInterval", reaperInterval);
        Objects.requireNonNull(replicaId, "replicaId");
        replicaId.ifPresent(id -> {
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("replicaId: '" + id + "' (expected: 1-64 of A-Z a-z 0-9 . _ -)");
            }
        });
        positive("lease", lease);
        if (lease.compareTo(reaperInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: >= 3 x reaperInterval " + reaperInterval
                    + ", which renews it)");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedOrigins.forEach(Config::checkOrigin);
        Objects.requireNonNull(jobs, "jobs");
    }

    /** Where the token keys are: the configured directory, else {@code keys/} in the data directory. */
    public Path keysDirIn(Path absoluteDataDir) {
        return keysDir.map(dir -> dir.toAbsolutePath().normalize()).orElse(absoluteDataDir.resolve("keys"));
    }

    /** The public base URL once the server knows the port it bound. */
    public URI publicUrlFor(int boundPort) {
        return publicUrl.orElseGet(() -> URI.create("http://" + hostForUrl() + ":" + boundPort));
    }

    private String hostForUrl() {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void requireNonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: not blank)");
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    private static void notLonger(String name, Duration value, String maxName, Duration max) {
        positive(maxName, max);
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: <= " + maxName + " " + max + ")");
        }
    }

    private static void checkPublicUrl(URI url) {
        String scheme = url.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("publicUrl: " + url + " (expected: http(s)://host[:port])");
        }
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw new IllegalArgumentException("publicUrl: " + url + " (expected: no path)");
        }
    }

    private static void checkApiKey(String key, String user) {
        if (key.length() < 16) {
            throw new IllegalArgumentException("apiKeys: key of user " + user + " is too short (expected: >= 16 characters)");
        }
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("apiKeys: user '" + user + "' (expected: 1-64 of A-Z a-z 0-9 . _ @ -)");
        }
    }

    private static void checkOrigin(String origin) {
        if (!origin.matches("https?://[^/\\s]+")) {
            throw new IllegalArgumentException("allowedOrigins: '" + origin + "' (expected: scheme://host[:port])");
        }
    }
}
