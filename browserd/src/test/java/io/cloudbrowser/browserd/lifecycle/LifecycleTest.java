package io.cloudbrowser.browserd.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.testing.ChildDaemon;
import io.cloudbrowser.browserd.testing.WsClient;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.TestTokens;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon as a process: clean exits with nothing left behind, and one clear line when misconfigured. */
class LifecycleTest {
    private final TestTokens tokens = TestTokens.generate();

    private Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>(Map.of("BROWSERD_PORT", "0", "BROWSERD_SESSION_ID", "s-life",
                "BROWSERD_JWT_PUBLIC_KEY", tokens.publicKeyPem()));
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    @Test
    void idleTimeoutSendsClosingStopsTheBrowserAndXvfbAndExitsZero() throws Exception {
        try (ChildDaemon d = ChildDaemon.start(env("BROWSERD_IDLE_TIMEOUT", "3"))) {
            int port = d.awaitPort();
            List<ProcessHandle> children = d.descendants();
            assertTrue(children.stream().anyMatch(p -> command(p).contains("Xvfb")), "owns an Xvfb: " + d.output());
            assertTrue(children.stream().anyMatch(p -> command(p).contains("chromium")), "runs Chromium");
            try (WsClient c = WsClient.connect("ws://127.0.0.1:" + port + "/ws", tokens.session("s-life").role(Role.CONTROLLER).sign())) {
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
        try (ChildDaemon d = ChildDaemon.start(env())) {
            int port = d.awaitPort();
            List<ProcessHandle> children = d.descendants();
            try (WsClient c = WsClient.connect("ws://127.0.0.1:" + port + "/ws", tokens.session("s-life").role(Role.VIEWER).sign())) {
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
        try (ChildDaemon d = ChildDaemon.start(env("BROWSERD_MAX_LIFETIME", "PT3S", "BROWSERD_HEADLESS", "true"))) {
            d.awaitPort();
            assertTrue(d.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, d.process().exitValue());
            assertTrue(d.output().stream().anyMatch(l -> l.contains("session ending: max_lifetime")), String.join("\n", d.output()));
        }
    }

    @Test
    void misconfigurationExitsTwoWithOneClearLine() throws Exception {
        assertMisconfigured(env("BROWSERD_JWT_PUBLIC_KEY", ""), "jwt public key: missing");
        assertMisconfigured(env("BROWSERD_VIEWPORT", "huge"), "viewport: 'huge'");
        assertMisconfigured(env("BROWSERD_IDLE_TIMEOUT", "soon"), "BROWSERD_IDLE_TIMEOUT: 'soon'");
        assertMisconfigured(env("BROWSERD_URL_POLICY", "not a host:xx"), "");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertMisconfigured(env("BROWSERD_PORT", String.valueOf(taken.getLocalPort()), "BROWSERD_HEADLESS", "true"),
                    "port " + taken.getLocalPort());
        }
    }

    private void assertMisconfigured(Map<String, String> env, String expected) throws Exception {
        try (ChildDaemon d = ChildDaemon.start(env)) {
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
