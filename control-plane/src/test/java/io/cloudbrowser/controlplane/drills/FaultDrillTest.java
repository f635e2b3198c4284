package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault drills the other tests do not cover (a killed renderer or Chromium: CrashRecoveryTest; SIGKILL and SIGSTOP
 * of browserd: SessionReaperTest; SIGKILL of the control plane: RestartTest): a killed Xvfb, and the data directory
 * deleted under a running control plane; a full disk: {@code DiskFullTest}. Each ends with the session recovered or ended with a reason, and nothing
 * of its sandbox left running.
 */
@ExtendWith(LeftoverProcesses.class)
class FaultDrillTest {

    @Test
    void aKilledXvfbEndsTheSessionAsACrashedBrowserAndLeavesNothing() {
        Path dataDir = TestEnvironment.newDataDir("fault-xvfb");
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(dataDir))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode session = alice.createSession("{}");
            String id = session.path("id").asText();
            ProcessHandle browserd = LeftoverProcesses.browserdOf(dataDir, id);
            String sandbox = LeftoverProcesses.sandboxIdOf(browserd);
            ProcessHandle xvfb = browserd.descendants().filter(p -> p.info().command().orElse("").endsWith("Xvfb"))
                    .findFirst().orElseThrow();
            xvfb.destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> outcome(alice, session) != null);
            // Chromium cannot draw without its display: the session ends as a crashed browser, and nothing is left.
            assertEquals("failed/browser_crashed", outcome(alice, session));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> LeftoverProcesses.ofSandbox(sandbox).isEmpty());
        }
    }

    /**
     * The data directory deleted under a running control plane (seen once: a pool sandbox's Chromium then spun at a
     * full core): /ready says so (a supervisor restarts it), the live session keeps working and ends cleanly,
     * nothing of a sandbox spins meanwhile, and nothing is left once the control plane stops.
     */
    @Test
    void aDeletedDataDirectoryIsReportedNothingSpinsAndNothingIsLeft() throws Exception {
        Path dataDir = TestEnvironment.newDataDir("fault-datadir");
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(dataDir, "--warm-pool-size", "1"))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode session = alice.createSession("{}");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> alice.get("/ready").status() == 200);
            assertEquals(0, new ProcessBuilder("rm", "-rf", dataDir.toString()).start().waitFor());

            ApiClient.Response ready = alice.get("/ready");
            assertEquals(503, ready.status());
            assertEquals(false, ready.body().at("/checks/dataDirectory").asBoolean(true), ready.body().toString());
            try (WsClient ws = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
                assertTrue(ws.call("screenshot", WsClient.obj()).path("ok").asBoolean(), "the live session still works");
            }
            long cpuBefore = sandboxCpu(dataDir);
            long t0 = System.nanoTime();
            Awaitility.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
            double cores = (sandboxCpu(dataDir) - cpuBefore) / 100.0 / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("fault: data directory deleted: sandboxes use %.2f cores over 10 s%n", cores);
            assertTrue(cores < 0.5, "no sandbox spins: " + cores + " cores");
            assertEquals(200, alice.delete("/api/sessions/" + session.path("id").asText()).status());
        }
        assertEquals(List.of(), LeftoverProcesses.procEntriesMarkedWith(dataDir), "nothing left after the stop");
    }

    /** CPU ticks (1/100 s) used so far by every live process of this data directory's sandboxes. */
    private static long sandboxCpu(Path dataDir) {
        long ticks = 0;
        for (Path entry : LeftoverProcesses.procEntriesMarkedWith(dataDir)) {
            try {
                String stat = Files.readString(entry.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return ticks;
    }

    /** "recovered" when a command works again, "<status>/<reason>" once the session ended, null meanwhile. */
    private static String outcome(ApiClient api, JsonNode session) {
        JsonNode now = api.get("/api/sessions/" + session.path("id").asText()).body();
        String status = now.path("status").asText();
        if (!status.matches("ready|stopping")) {
            return status + "/" + now.path("reason").asText();
        }
        try (WsClient ws = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
            JsonNode r = ws.call("screenshot", WsClient.obj());
            return r.path("ok").asBoolean() ? "recovered" : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
