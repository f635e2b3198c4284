package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault drill, a full disk: the data directory on a small tmpfs, filled to the last byte while a session runs.
 * Creates fail with a named error, reads and the live session keep working, nothing crashes; when space returns
 * creates work again, and after a restart the database holds every session (not corrupted). Needs mount rights
 * (root, as the test machines have); without them the test is skipped and says why.
 */
@ExtendWith(LeftoverProcesses.class)
class DiskFullTest {
    private final Path mount = TestEnvironment.newDataDir("disk-full");

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
    }

    @Test
    void aFullDiskFailsCreatesWithANamedErrorAndServiceReturnsWithSpace() throws Exception {
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(m.waitFor() == 0, "cannot mount a tmpfs here: " + new String(m.getInputStream().readAllBytes()));
        Path dataDir = Files.createDirectories(mount.resolve("data"));
        String kept;
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(dataDir))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode live = alice.createSession("{}");
            kept = live.path("id").asText();
            Path filler = mount.resolve("filler");
            fill(filler);

            ApiClient.Response refused = alice.post("/api/sessions", "{}");
            System.out.println("fault: disk full, create -> " + refused.status() + " " + refused.body());
            assertTrue(refused.status() >= 500 && refused.status() < 600, "a create fails: " + refused.status());
            assertTrue(refused.errorCode().matches("sandbox_failed|store_unavailable"), refused.body().toString());
            ApiClient.Response read = alice.get("/api/sessions");
            // H2 closes its database on a failed write: reads are refused by name too, until space returns
            assertTrue(read.status() == 200 || read.errorCode().equals("store_unavailable"), read.body().toString());
            try (WsClient ws = WsClient.connect(live.path("wsUrl").asText(), live.path("token").asText())) {
                assertTrue(ws.call("state", null).path("ok").asBoolean(), "the live session works");
            }

            Files.delete(filler);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alice.post("/api/sessions", "{}").status() == 201);
            assertEquals(200, alice.get("/api/sessions/" + kept).status(), "service is back once space returns");
        }
        try (ControlPlane restarted = Main.newServer(TestEnvironment.config(dataDir))) {
            ApiClient alice = new ApiClient(restarted.publicUrl(), TestEnvironment.ALICE_KEY);
            ApiClient.Response after = alice.get("/api/sessions/" + kept);
            assertEquals(200, after.status(), "the database survived: " + after.body());
        }
    }

    /** Writes until the file system refuses: ENOSPC. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }
}
