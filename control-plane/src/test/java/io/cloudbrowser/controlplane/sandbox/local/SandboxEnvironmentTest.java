package io.cloudbrowser.controlplane.sandbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.model.SessionStatus;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.protocol.Viewport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A sandbox gets browserd's settings and what a process needs to run, never the control plane's secrets. */
@ExtendWith(LeftoverProcesses.class)
class SandboxEnvironmentTest {
    private static final String SECRET = "s3cr3t-0f-the-control-plane";

    @Test
    void theEnvironmentIsBuiltFromBrowserdsSettingsOnly() {
        Map<String, String> controlPlane = Map.ofEntries(
                Map.entry("PATH", "/usr/bin:/bin"), Map.entry("HOME", "/home/cp"), Map.entry("LANG", "C.UTF-8"),
                Map.entry("LC_ALL", "C.UTF-8"), Map.entry("AWS_SECRET_ACCESS_KEY", SECRET),
                Map.entry("CP_DATABASE_PASSWORD", SECRET), Map.entry("DISPLAY", ":0"),
                Map.entry("BROWSERD_URL_POLICY", "127.0.0.1:*"), Map.entry("CHROMIUM_PATH", "/opt/chromium"),
                Map.entry("BROWSERD_SESSION_ID", "s-of-the-control-plane"), Map.entry("BROWSERD_PORT", "9999"));
        LocalSettings settings = new LocalSettings(Path.of("/usr/bin/java"), List.of(), Path.of("browserd.jar"),
                Path.of("/data"), "/data", "PEM", List.of("http://cp"), Map.of("EXTRA", "1"),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        SandboxSpec spec = SandboxSpec.forSession("s-1", new Viewport(800, 600, 2), Duration.ofSeconds(60),
                Duration.ofSeconds(120), Optional.empty());
        Map<String, String> env = BrowserdCommand.environment(settings, controlPlane, "sb-1", spec,
                Path.of("/data/sandboxes/sb-1"), Optional.of(Path.of("/data/playwright/driver")));

        assertFalse(env.containsValue(SECRET), env.toString());
        assertFalse(env.containsKey("DISPLAY"), "every sandbox starts its own Xvfb");
        assertEquals("/usr/bin:/bin", env.get("PATH"));
        assertEquals("C.UTF-8", env.get("LC_ALL"));
        assertEquals("127.0.0.1:*", env.get("BROWSERD_URL_POLICY"));
        assertEquals("/opt/chromium", env.get("CHROMIUM_PATH"));
        assertEquals("1", env.get("EXTRA"));
        assertEquals("s-1", env.get("BROWSERD_SESSION_ID"), "per-sandbox settings are never inherited");
        assertEquals("0", env.get("BROWSERD_PORT"));
        assertEquals("800x600@2", env.get("BROWSERD_VIEWPORT"));
        assertEquals("/data/playwright/driver", env.get("PLAYWRIGHT_DRIVER_DIR"));
        assertEquals("sb-1", env.get("CLOUDBROWSER_SANDBOX"));
    }

    @Test
    void noProcessOfARunningSandboxSeesTheControlPlanesSecrets() throws IOException {
        Path dataDir = TestEnvironment.newDataDir("environ");
        ChildControlPlane plane = ChildControlPlane.start(dataDir, "cp",
                Map.of("AWS_SECRET_ACCESS_KEY", SECRET, "CP_TEST_DATABASE_PASSWORD", SECRET),
                "--warm-pool-size", "1", "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*");
        try {
            ApiClient api = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            String session = api.createSession("{}").path("id").asText();
            assertEquals(SessionStatus.READY.wireName(), api.get("/api/sessions/" + session).body().path("status").asText());
            // The claimed sandbox and the pool's refill: browserd, Playwright's driver, Xvfb and Chromium's processes.
            List<Path> sandboxProcesses = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                sandboxProcesses.clear();
                for (Path entry : LeftoverProcesses.procEntriesMarkedWith(dataDir.resolve("sandboxes"))) {
                    sandboxProcesses.add(entry);
                }
                for (Path entry : LeftoverProcesses.procEntriesMarkedWith(dataDir)) {
                    if (environ(entry).contains("CLOUDBROWSER_SANDBOX=") && !sandboxProcesses.contains(entry)) {
                        sandboxProcesses.add(entry);
                    }
                }
                return sandboxProcesses.stream().filter(e -> cmdline(e).contains("chromium")).count() >= 2
                        && sandboxProcesses.stream().filter(e -> cmdline(e).contains("Xvfb")).count() >= 2;
            });
            for (Path entry : sandboxProcesses) {
                String environ = environ(entry);
                assertFalse(environ.contains(SECRET), "the secret reached " + cmdline(entry));
            }
            assertTrue(sandboxProcesses.stream().anyMatch(e -> environ(e).contains("BROWSERD_URL_POLICY=127.0.0.1:*")),
                    "browserd's own settings do arrive");
        } finally {
            plane.stop();
        }
    }

    private static String environ(Path procEntry) {
        return read(procEntry.resolve("environ"));
    }

    private static String cmdline(Path procEntry) {
        return read(procEntry.resolve("cmdline")).replace('\0', ' ');
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }
}
