package io.cloudbrowser.controlplane.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TTL, idle, dead and hung sandboxes end sessions with their reason, and leave no process behind. */
@ExtendWith(LeftoverProcesses.class)
class SessionReaperTest {
    private static final Path DATA_DIR = TestEnvironment.newDataDir("reaper");
    private static ControlPlane plane;
    private static ApiClient alice;
    private static List<JsonNode> created;
    private static ProcessHandle frozen;

    @BeforeAll
    static void start() {
        plane = Main.newServer(TestEnvironment.config(DATA_DIR));
        alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
        // Started together: three sandboxes take barely longer than one.
        List<CompletableFuture<JsonNode>> starts = List.of(
                CompletableFuture.supplyAsync(() -> alice.createSession("{\"ttlSeconds\":20}")),
                CompletableFuture.supplyAsync(() -> alice.createSession("{\"idleTimeoutSeconds\":3}")),
                CompletableFuture.supplyAsync(() -> alice.createSession("{}")),
                CompletableFuture.supplyAsync(() -> alice.createSession("{}")));
        created = starts.stream().map(CompletableFuture::join).toList();
        frozen = LeftoverProcesses.browserdOf(DATA_DIR, created.get(3).path("id").asText());
        signal("STOP", frozen); // its /health stops answering while the process lives on
    }

    @AfterAll
    static void stop() {
        plane.close();
    }

    private static JsonNode awaitEnded(JsonNode session, Duration within) {
        String path = "/api/sessions/" + session.path("id").asText();
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> !alice.get(path).body().path("status").asText().matches("ready|stopping"));
        return alice.get(path).body();
    }

    @Test
    void ttlEndsTheSessionAsExpired() {
        JsonNode ended = awaitEnded(created.get(0), Duration.ofSeconds(40));
        assertEquals("expired", ended.path("status").asText());
        assertEquals("ttl", ended.path("reason").asText());
    }

    @Test
    void idlenessEndsTheSessionAsExpired() {
        JsonNode ended = awaitEnded(created.get(1), Duration.ofSeconds(20));
        assertEquals("expired", ended.path("status").asText());
        assertEquals("idle_timeout", ended.path("reason").asText());
    }

    @Test
    void aHungBrowserdFailsTheSessionAndIsKilled() {
        JsonNode ended = awaitEnded(created.get(3), Duration.ofSeconds(60));
        assertEquals("failed", ended.path("status").asText());
        assertEquals("health_failed", ended.path("reason").asText());
        assertFalse(frozen.isAlive(), "a stopped process ignores SIGTERM; it got SIGKILL");
    }

    private static void signal(String name, ProcessHandle process) {
        try {
            assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKilledBrowserdFailsTheSession() {
        ProcessHandle browserd = LeftoverProcesses.browserdOf(DATA_DIR, created.get(2).path("id").asText());
        String sandboxId = LeftoverProcesses.sandboxIdOf(browserd);
        browserd.destroyForcibly();
        JsonNode ended = awaitEnded(created.get(2), Duration.ofSeconds(20));
        assertEquals("failed", ended.path("status").asText());
        assertEquals("sandbox_exited", ended.path("reason").asText());
        // browserd could not stop its Chromium and Xvfb; the control plane must have.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> LeftoverProcesses.ofSandbox(sandboxId).isEmpty());
    }
}
