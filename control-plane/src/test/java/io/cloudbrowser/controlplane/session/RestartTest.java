package io.cloudbrowser.controlplane.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A control plane killed with SIGKILL keeps its records; the next one on the same data directory
 * adopts live sandboxes, fails sessions whose sandbox died meanwhile, and stops orphans (the old
 * warm pool's). Stopping it with SIGTERM stops every sandbox.
 */
@ExtendWith(LeftoverProcesses.class)
class RestartTest {
    private final Path dataDir = TestEnvironment.newDataDir("restart");

    @Test
    void aCrashedControlPlaneIsSucceededWithoutLossOrOrphans() {
        ChildControlPlane first = ChildControlPlane.start(dataDir, "first", "--warm-pool-size", "1");
        ApiClient api = new ApiClient(first.publicUrl(), TestEnvironment.ALICE_KEY);
        awaitPool(api);
        JsonNode survivor = api.createSession("{}");
        JsonNode victim = api.createSession("{}");
        awaitPool(api);
        Set<String> before = sandboxIds();
        assertEquals(3, before.size(), "two sessions and a pool sandbox: " + before);

        first.kill();
        ProcessHandle victimBrowserd = LeftoverProcesses.browserdOf(dataDir, victim.path("id").asText());
        String victimSandbox = LeftoverProcesses.sandboxIdOf(victimBrowserd);
        victimBrowserd.destroyForcibly();
        victimBrowserd.onExit().join();

        ChildControlPlane second = ChildControlPlane.start(dataDir, "second", "--warm-pool-size", "1");
        try {
            ApiClient again = new ApiClient(second.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode adopted = again.get("/api/sessions/" + survivor.path("id").asText()).body();
            assertEquals("ready", adopted.path("status").asText());
            JsonNode lost = again.get("/api/sessions/" + victim.path("id").asText()).body();
            assertEquals("failed", lost.path("status").asText());
            assertEquals("lost_on_restart", lost.path("reason").asText());
            try (WsClient ws = WsClient.connect(adopted.path("wsUrl").asText(), survivor.path("token").asText())) {
                ws.send("{\"id\":\"c1\",\"type\":\"cmd\",\"method\":\"state\"}");
                assertTrue(ws.result("c1", Duration.ofSeconds(30)).path("ok").asBoolean(), "the old token still works");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> LeftoverProcesses.ofSandbox(victimSandbox).isEmpty());
            Set<String> oldPool = before.stream().filter(id -> !id.equals(victimSandbox)).collect(Collectors.toSet());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandboxIds().stream()
                    .filter(oldPool::contains).count() == 1); // only the survivor's sandbox of the old ones
        } finally {
            second.stop();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processesUnder(dataDir).isEmpty());
    }

    private static void awaitPool(ApiClient api) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/health").body().path("warmPoolReady").asInt() == 1);
    }

    private Set<String> sandboxIds() {
        return processesUnder(dataDir).stream()
                .map(line -> line.replaceAll(".*CLOUDBROWSER_SANDBOX=(\\S+).*", "$1"))
                .filter(id -> id.startsWith("sb-"))
                .collect(Collectors.toSet());
    }

    private static List<String> processesUnder(Path dir) {
        return LeftoverProcesses.find().stream().filter(line -> line.contains(dir.toString())
                || line.contains("CLOUDBROWSER_SANDBOX")).toList();
    }
}
