package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse drill, connections: WebSocket connect/disconnect cycles through the gateway to one session (200 here,
 * 1000 with {@code -Ddrill.full=true}). Afterwards no viewer is counted, browserd's descriptors are back to their
 * level (no leaked listener or connection slot: its limit is 16 connections), and a new viewer gets frames.
 */
@ExtendWith(LeftoverProcesses.class)
class ConnectionChurnTest {
    private static final int CYCLES = Boolean.getBoolean("drill.full") ? 1000 : 200;
    private static final int FD_SLACK = 8;

    @Test
    void connectDisconnectCyclesLeakNoSlotOrDescriptor() {
        Path dataDir = TestEnvironment.newDataDir("conn-churn");
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(dataDir))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode session = alice.createSession("{}");
            String id = session.path("id").asText();
            String wsUrl = session.path("wsUrl").asText();
            String token = session.path("token").asText();
            ProcessHandle browserd = LeftoverProcesses.browserdOf(dataDir, id);
            try (WsClient first = WsClient.connect(wsUrl, token)) {
                first.event("ready");
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> viewers(alice, id) == 0);
            int before = fds(browserd);
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                WsClient.connect(wsUrl, token).close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> viewers(alice, id) == 0
                    && fds(browserd) <= before + FD_SLACK);
            try (WsClient last = WsClient.connect(wsUrl, token)) {
                last.event("ready");
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> last.frameCount() > 0);
                assertTrue(last.call("state", null).path("ok").asBoolean());
            }
            System.out.printf("connection churn: %d WebSocket connect/disconnect cycles in %.1f s; browserd fds %d -> %d; "
                    + "viewers back to 0; a new viewer gets frames%n", CYCLES, seconds, before, fds(browserd));
        }
    }

    private static int viewers(ApiClient api, String id) {
        return api.get("/api/sessions/" + id).body().path("viewers").asInt(-1);
    }

    private static int fds(ProcessHandle process) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
