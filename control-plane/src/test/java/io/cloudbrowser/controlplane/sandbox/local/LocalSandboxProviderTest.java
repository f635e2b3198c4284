package io.cloudbrowser.controlplane.sandbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.api.Json;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxProviderContract;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.controlplane.token.KeyPairFiles;
import io.cloudbrowser.controlplane.token.SigningKeys;
import io.cloudbrowser.controlplane.token.TokenMinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract, with browserd as real child processes, plus what is particular to running them locally. */
@ExtendWith(LeftoverProcesses.class)
class LocalSandboxProviderTest extends SandboxProviderContract {
    private static Path workDir;
    private static BrowserdClient browserd;
    private static LocalSandboxProvider provider;
    private static LocalSandboxProvider restarted;
    private static LocalSandboxProvider broken;

    @BeforeAll
    static void start() {
        workDir = TestEnvironment.newDataDir("local-provider");
        SigningKeys keys = KeyPairFiles.loadOrCreate(workDir.resolve("keys"));
        browserd = new BrowserdClient(Json.mapper(), new TokenMinter(keys, Clock.systemUTC()));
        provider = new LocalSandboxProvider(settings(keys, Map.of()), browserd);
        restarted = new LocalSandboxProvider(settings(keys, Map.of()), browserd);
        broken = new LocalSandboxProvider(settings(keys, Map.of("BROWSERD_HEADLESS", "sometimes")), browserd);
    }

    private static LocalSettings settings(SigningKeys keys, Map<String, String> env) {
        return new LocalSettings(Path.of(ProcessHandle.current().info().command().orElseThrow()),
                List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1"), TestEnvironment.browserdJar(),
                workDir, workDir.toString(), keys.trustedPem(), List.of("http://127.0.0.1:1"), env,
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        provider.close();
        restarted.close();
        broken.close();
    }

    @Override
    protected SandboxProvider provider() {
        return provider;
    }

    @Override
    protected SandboxProvider restartedProvider() {
        return restarted;
    }

    @Override
    protected SandboxProvider brokenProvider() {
        return broken;
    }

    @Override
    protected BrowserdClient browserd() {
        return browserd;
    }

    @Override
    protected void killAbruptly(Sandbox sandbox) {
        LocalHandle.find(sandbox.handle()).orElseThrow().destroyForcibly();
    }

    @Override
    protected boolean anythingLeft(Sandbox sandbox) {
        return !ProcessMarks.scan(workDir.toString(), sandbox.id()).isEmpty();
    }

    @Override
    protected boolean nothingLeftAtAll() {
        return ProcessMarks.scan(workDir.toString()).isEmpty();
    }

    @Test
    void aMisconfiguredBrowserdIsReportedWithItsOwnWords() {
        SandboxException e = assertThrows(SandboxException.class,
                () -> broken.create(SandboxSpec.forPool(VIEWPORT, Duration.ofMinutes(1))));
        assertEquals(SandboxException.Kind.EXITED, e.kind());
        assertTrue(e.getMessage().contains("code 2") && e.getMessage().contains("BROWSERD_HEADLESS"), e.getMessage());
    }

    @Test
    void aMissingJarIsAConfigurationError() {
        var noJar = new LocalSandboxProvider(new LocalSettings(Path.of("java"), List.of(), workDir.resolve("none.jar"),
                workDir, workDir.toString(), "pem", List.of(), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                browserd);
        SandboxException e = assertThrows(SandboxException.class,
                () -> noJar.create(SandboxSpec.forPool(VIEWPORT, Duration.ofMinutes(1))));
        assertEquals(SandboxException.Kind.MISCONFIGURED, e.kind());
        assertTrue(e.getMessage().contains("none.jar"));
    }

    @Test
    void logsGoToTheDataDirectoryAndFollowAClaim() throws Exception {
        Sandbox pooled = provider.create(SandboxSpec.forPool(VIEWPORT, Duration.ofMinutes(5)));
        try {
            assertTrue(Files.readString(workDir.resolve("logs").resolve(pooled.id() + ".log")).contains("listening on"));
            provider.claim(pooled, SandboxSpec.forSession("s-logs", VIEWPORT, Duration.ofMinutes(5),
                    Duration.ofMinutes(5), Optional.empty()), false);
            assertTrue(Files.exists(workDir.resolve("logs").resolve("s-logs.log")));
            assertTrue(Files.isDirectory(workDir.resolve("sandboxes").resolve(pooled.id())));
        } finally {
            provider.stop(pooled);
        }
        assertTrue(Files.notExists(workDir.resolve("sandboxes").resolve(pooled.id())), "its temporary directory is gone");
    }
}
