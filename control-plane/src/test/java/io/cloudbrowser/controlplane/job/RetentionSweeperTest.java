package io.cloudbrowser.controlplane.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.UrlSigner;
import io.cloudbrowser.controlplane.artifact.filesystem.FilesystemArtifactStore;
import io.cloudbrowser.controlplane.config.JobsConfig;
import io.cloudbrowser.controlplane.store.JobStore;
import io.cloudbrowser.controlplane.store.jdbc.JdbcDatabase;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retention with the default settings: outputs go after 7 days (object and row), job records after 30. */
class RetentionSweeperTest {
    @Test
    void expiredOutputsAndThenOldJobsAreDeleted() {
        Path dataDir = TestEnvironment.newDataDir("retention");
        JobsConfig config = TestEnvironment.config(dataDir).jobs();
        Instant t0 = Instant.now();
        Path root = dataDir.resolve("artifacts");
        FilesystemArtifactStore artifacts = new FilesystemArtifactStore(root, URI.create("http://127.0.0.1:1"),
                UrlSigner.loadOrCreate(dataDir.resolve("keys")), Clock.systemUTC());
        try (JdbcDatabase database = JdbcDatabase.open(Optional.empty(), dataDir)) {
            JobStore store = database.jobs();
            store.submit(JobRecord.queued("j-1", "alice", JobType.SCREENSHOT, 3, null, "{}", null, t0), 10);
            JobRecord held = store.claim("cp-a", t0, t0.plusSeconds(30), 10).orElseThrow();
            String key = ArtifactKeys.of("j-1", 1, "screenshot.png");
            artifacts.put(key, "image/png", new byte[] {1, 2});
            JobOutput output = new JobOutput("j-1", "screenshot.png", "image/png", 2, key, t0,
                    t0.plus(config.outputRetention()));
            store.complete("cp-a", 1, held.completed("[]", t0), List.of(output));

            assertEquals(0, sweeperAt(store, artifacts, config, t0.plus(Duration.ofDays(6))).sweep());
            assertTrue(Files.exists(root.resolve(key)));

            assertEquals(1, sweeperAt(store, artifacts, config, t0.plus(Duration.ofDays(8))).sweep());
            assertFalse(Files.exists(root.resolve(key)), "the object is deleted");
            assertTrue(store.outputs("j-1").isEmpty(), "and its row");
            assertTrue(store.find("j-1").isPresent(), "the job record stays for 30 days");

            assertEquals(1, sweeperAt(store, artifacts, config, t0.plus(Duration.ofDays(31))).sweep());
            assertTrue(store.find("j-1").isEmpty());
        }
    }

    private static RetentionSweeper sweeperAt(JobStore store, FilesystemArtifactStore artifacts, JobsConfig config,
                                              Instant now) {
        return new RetentionSweeper(store, artifacts, config, Clock.fixed(now, ZoneOffset.UTC));
    }
}
