package io.cloudbrowser.controlplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.protocol.Viewport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static Config load(Map<String, String> env, String... args) {
        return ConfigLoader.load(env, List.of(args));
    }

    private static String failure(Map<String, String> env, String... args) {
        return assertThrows(ConfigException.class, () -> load(env, args)).getMessage();
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        Config config = load(Map.of());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(Optional.empty(), config.publicUrl());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(5, config.maxSessionsPerUser());
        assertEquals(10, config.rateLimitPerSecond());
        assertEquals(20, config.rateLimitBurst());
        assertEquals(1, config.warmPoolSize());
        assertEquals(Duration.ofHours(1), config.defaultTtl());
        assertEquals(Duration.ofMinutes(5), config.defaultIdleTimeout());
        assertEquals(new Viewport(1280, 720, 1), config.defaultViewport());
        assertEquals(URI.create("http://127.0.0.1:4321"), config.publicUrlFor(4321));
        assertEquals(Optional.empty(), config.database());
        assertEquals(SandboxProviderKind.LOCAL, config.sandboxProvider());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"), config.local().jvmOptions());
    }

    @Test
    void rolesAreChosenBySettings() {
        Config config = load(Map.of("CP_SANDBOX_PROVIDER", "local", "CP_DATABASE_URL", "jdbc:h2:mem:x"));
        assertEquals(SandboxProviderKind.LOCAL, config.sandboxProvider());
        assertEquals(new DatabaseUrl(DatabaseUrl.Kind.H2, "jdbc:h2:mem:x"), config.database().orElseThrow().url());
        assertTrue(!config.database().orElseThrow().toString().contains("mem:x"), "toString hides the URL");
    }

    @Test
    void databaseCredentialsComeFromSettingsOrAFileAndAreNeverShown(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "pa55word\n");
        Config config = load(Map.of("CP_DATABASE_URL", "jdbc:postgresql://db:5432/cloudbrowser",
                "CP_DATABASE_USER", "cb", "CP_DATABASE_PASSWORD_FILE", secret.toString()), "--database-pool-size", "4");
        DatabaseConfig database = config.database().orElseThrow();
        assertEquals(DatabaseUrl.Kind.POSTGRESQL, database.url().kind());
        assertEquals(Optional.of("cb"), database.user());
        assertEquals(Optional.of("pa55word"), database.password());
        assertEquals(4, database.poolSize());
        assertFalse(config.toString().contains("pa55word") || config.toString().contains("db:5432"), config.toString());
        assertEquals(Optional.of("s3cret"), load(Map.of("CP_DATABASE_URL", "jdbc:postgresql://db/x",
                "CP_DATABASE_PASSWORD", "s3cret")).database().orElseThrow().password());
        assertTrue(failure(Map.of("CP_DATABASE_URL", "jdbc:postgresql://db/x", "CP_DATABASE_PASSWORD", "a",
                "CP_DATABASE_PASSWORD_FILE", secret.toString())).startsWith("CP_DATABASE_PASSWORD and CP_DATABASE_PASSWORD_FILE: both set"));
        assertTrue(failure(Map.of("CP_DATABASE_URL", "jdbc:postgresql://db/x", "CP_DATABASE_PASSWORD_FILE",
                dir.resolve("missing").toString())).startsWith("CP_DATABASE_PASSWORD_FILE: cannot read"));
    }

    @Test
    void flagsWinOverEnvironmentInBothSpellings() {
        Config config = load(Map.of("CP_PORT", "9000", "CP_RATE_LIMIT", "7"), "--port", "9100", "--rate-limit=8");
        assertEquals(9100, config.port());
        assertEquals(8, config.rateLimitPerSecond());
        assertEquals(9000, load(Map.of("CP_PORT", "9000")).port());
    }

    @Test
    void durationsAreSecondsOrIso() {
        Config config = load(Map.of("CP_DEFAULT_TTL", "PT10M", "CP_DEFAULT_IDLE_TIMEOUT", "45"));
        assertEquals(Duration.ofMinutes(10), config.defaultTtl());
        assertEquals(Duration.ofSeconds(45), config.defaultIdleTimeout());
    }

    @Test
    void apiKeysAndSandboxEnvironment() {
        Config config = load(Map.of("CP_API_KEYS", "alice:0123456789abcdef, bob:fedcba9876543210"),
                "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*,localhost:*", "--sandbox-env=X=1");
        assertEquals(Map.of("0123456789abcdef", "alice", "fedcba9876543210", "bob"), config.apiKeys());
        assertEquals(Map.of("BROWSERD_URL_POLICY", "127.0.0.1:*,localhost:*", "X", "1"), config.sandboxEnv());
    }

    @Test
    void publicUrlLosesItsTrailingSlashAndDerivesWebSocketOrigins() {
        Config config = load(Map.of("CP_PUBLIC_URL", "https://browsers.example.com/"));
        assertEquals(URI.create("https://browsers.example.com"), config.publicUrlFor(1));
    }

    @Test
    void everyBadValueNamesItsSetting() {
        assertTrue(failure(Map.of("CP_PORT", "eighty")).startsWith("CP_PORT: 'eighty'"));
        assertTrue(failure(Map.of(), "--port", "70000").startsWith("port: 70000"));
        assertTrue(failure(Map.of(), "--nope", "1").startsWith("--nope: unknown flag"));
        assertTrue(failure(Map.of(), "--port").startsWith("--port: missing value"));
        assertTrue(failure(Map.of("CP_DEFAULT_TTL", "soon")).startsWith("CP_DEFAULT_TTL: 'soon'"));
        assertTrue(failure(Map.of("CP_REAPER_INTERVAL", "0")).startsWith("reaperInterval: PT0S (expected: > 0)"));
        assertTrue(failure(Map.of("CP_DEFAULT_TTL", "7200", "CP_MAX_TTL", "3600"))
                .startsWith("defaultTtl: PT2H (expected: <= maxTtl PT1H)"));
        assertTrue(failure(Map.of("CP_MAX_SESSIONS_PER_USER", "0")).startsWith("maxSessionsPerUser: 0"));
        assertTrue(failure(Map.of("CP_API_KEYS", "alice:short")).contains("too short"));
        assertTrue(failure(Map.of("CP_API_KEYS", "nocolon")).contains("expected: user:key"));
        assertTrue(failure(Map.of("CP_API_KEYS", "a b:0123456789abcdef")).startsWith("apiKeys: user 'a b'"));
        assertTrue(failure(Map.of("CP_DEFAULT_VIEWPORT", "big")).startsWith("CP_DEFAULT_VIEWPORT: 'big' (expected: WIDTHx"));
        assertTrue(failure(Map.of("CP_DEFAULT_VIEWPORT", "100x100")).startsWith("CP_DEFAULT_VIEWPORT: '100x100': w: 100"));
        assertTrue(failure(Map.of("CP_SANDBOX_PROVIDER", "docker"))
                .startsWith("CP_SANDBOX_PROVIDER: 'docker' (expected: one of local)"));
        String badUrl = failure(Map.of("CP_DATABASE_URL", "postgres://u:secret@db/x"));
        assertTrue(badUrl.startsWith("CP_DATABASE_URL: not a supported JDBC URL (expected: "), badUrl);
        assertTrue(!badUrl.contains("secret"), "a URL that may carry a password is not echoed");
        assertTrue(failure(Map.of("CP_PUBLIC_URL", "ftp://x")).startsWith("publicUrl: ftp://x"));
        assertTrue(failure(Map.of("CP_PUBLIC_URL", "http://x/sub")).contains("expected: no path"));
        assertTrue(failure(Map.of("CP_ALLOWED_ORIGINS", "example.com")).startsWith("allowedOrigins: 'example.com'"));
        assertTrue(failure(Map.of("CP_SANDBOX_JVM_OPTIONS", "-jar other.jar")).startsWith("sandboxJvmOptions: '-jar'"));
        assertTrue(failure(Map.of(), "--sandbox-env", "NOVALUE").startsWith("--sandbox-env: 'NOVALUE'"));
    }

    @Test
    void helpListsEverySetting() {
        String help = ConfigLoader.help();
        for (Setting setting : Setting.values()) {
            assertTrue(help.contains(setting.flagName()) && help.contains(setting.envName()), setting.name());
        }
    }
}
