package io.cloudbrowser.browserd.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.Main;
import io.cloudbrowser.testing.BrowserdProcess;
import io.cloudbrowser.testing.DaemonSetup;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daemon as a process (its {@link Main} on the test classpath, in a child JVM): clean exits with nothing left
 * behind, and one clear line when misconfigured.
 */
class LifecycleTest {
    private static final Duration LISTENING_WITHIN = Duration.ofSeconds(60);

    private static DaemonSetup setup(String... kv) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            overrides.put(kv[i], kv[i + 1]);
        }
        return DaemonSetup.forSession("s-life").with(overrides);
    }

    private static BrowserdProcess start(DaemonSetup setup) throws IOException {
        return BrowserdProcess.start(BrowserdProcess.mainClass(Main.class.getName()), setup, null);
    }

    @Test
    void idleTimeoutSendsClosingStopsTheBrowserAndXvfbAndExitsZero() throws Exception {
        try (BrowserdProcess d = start(setup("BROWSERD_IDLE_TIMEOUT", "3"))) {
            d.awaitPort(LISTENING_WITHIN);
            List<ProcessHandle> children = d.descendants();
            assertTrue(children.stream().anyMatch(p -> command(p).contains("Xvfb")), "owns an Xvfb: " + d.output());
            assertTrue(children.stream().anyMatch(p -> command(p).contains("chromium")), "runs Chromium");
            try (WsClient c = d.controller()) {
                c.event("ready");
                assertEquals("idle_timeout", c.event("closing").at("/data/reason").asText());
            }
            assertTrue(d.process().waitFor(30, TimeUnit.SECONDS), "exits");
            assertEquals(0, d.process().exitValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void sigtermIsACleanStop() throws Exception {
        try (BrowserdProcess d = start(setup())) {
            d.awaitPort(LISTENING_WITHIN);
            List<ProcessHandle> children = d.descendants();
            try (WsClient c = d.viewer()) {
                c.event("ready");
                d.process().destroy();
                assertEquals("stopped", c.event("closing").at("/data/reason").asText());
            }
            assertTrue(d.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, d.process().exitValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void maxLifetimeEndsTheSession() throws Exception {
        try (BrowserdProcess d = start(setup("BROWSERD_MAX_LIFETIME", "PT3S", "BROWSERD_HEADLESS", "true"))) {
            d.awaitPort(LISTENING_WITHIN);
            assertTrue(d.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, d.process().exitValue());
            assertTrue(d.output().stream().anyMatch(l -> l.contains("session ending: max_lifetime")), String.join("\n", d.output()));
        }
    }

    @Test
    void misconfigurationExitsTwoWithOneClearLine() throws Exception {
        assertMisconfigured(setup("BROWSERD_JWT_PUBLIC_KEY", ""), "jwt public key: missing");
        assertMisconfigured(setup("BROWSERD_VIEWPORT", "huge"), "viewport: 'huge'");
        assertMisconfigured(setup("BROWSERD_IDLE_TIMEOUT", "soon"), "BROWSERD_IDLE_TIMEOUT: 'soon'");
        assertMisconfigured(setup("BROWSERD_URL_POLICY", "not a host:xx"), "");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertMisconfigured(setup("BROWSERD_PORT", String.valueOf(taken.getLocalPort()), "BROWSERD_HEADLESS", "true"),
                    "port " + taken.getLocalPort());
        }
    }

    private static void assertMisconfigured(DaemonSetup setup, String expected) throws Exception {
        try (BrowserdProcess d = start(setup)) {
            assertTrue(d.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, d.process().exitValue(), String.join("\n", d.output()));
            String last = d.output().get(d.output().size() - 1);
            assertTrue(last.startsWith("browserd: ") && last.contains(expected), last);
            assertFalse(d.process().descendants().anyMatch(ProcessHandle::isAlive), "nothing left running");
        }
    }

    private static String command(ProcessHandle p) {
        return p.info().command().orElse("") + " " + String.join(" ", p.info().arguments().orElse(new String[0]));
    }
}
