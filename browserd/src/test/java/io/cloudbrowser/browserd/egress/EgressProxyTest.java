package io.cloudbrowser.browserd.egress;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.Loopback;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Real daemon, real Chromium: every connection the page opens leaves through the egress proxy. WebSockets, which
 * CDP Fetch never sees, reach an allowlisted server and never a non-allowlisted one; allowlisted pages and
 * subresources still load. Every server here is on loopback.
 */
class EgressProxyTest {
    // Started with the class, before the extension: its pages and URL policy name them.
    static final LoopbackServer trap = LoopbackServer.start(LoopbackServer.Mode.TRAP);
    static final LoopbackServer websocket = LoopbackServer.start(LoopbackServer.Mode.WEBSOCKET);
    /** Allowlisted, but nothing listens there. */
    static final int closedPort = Loopback.unusedPort();

    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages
                    .page("/ws-refused", socketPage(trap.port()))
                    .page("/ws-allowed", socketPage(websocket.port()))
                    .page("/fetch-refused", "<script>fetch('http://127.0.0.1:" + trap.port() + "/x')"
                            + ".then(r => document.title = 'fetched ' + r.status, () => document.title = 'fetch-failed')</script>")
                    .page("/app", "<title>app</title><script src='/app.js'></script>")
                    .page("/app.js", "document.title = 'script-ran';"))
            .allow("127.0.0.1:" + websocket.port(), "127.0.0.1:" + closedPort)
            .daemon(TestDaemon::start);

    WsClient controller;

    /** A page whose title reports how its WebSocket to the given loopback port ended up. */
    private static String socketPage(int port) {
        return "<title>connecting</title><script>const ws = new WebSocket('ws://127.0.0.1:" + port + "/');"
                + "ws.onopen = () => document.title = 'ws-open'; ws.onerror = () => document.title = 'ws-error';</script>";
    }

    @AfterAll
    static void stop() throws Exception {
        trap.close();
        websocket.close();
    }

    @BeforeEach
    void connect() {
        controller = browserd.controller();
    }

    @AfterEach
    void disconnect() {
        controller.close();
    }

    @Test
    void aWebSocketToANonAllowlistedLoopbackPortFailsAndTheServerNeverSeesAConnection() {
        navigate("/ws-refused");
        awaitTitle("ws-error");
        assertEquals(0, trap.accepted());
    }

    @Test
    void aWebSocketToAnAllowlistedServerOpensThroughTheProxy() {
        navigate("/ws-allowed");
        awaitTitle("ws-open");
        assertEquals(1, websocket.accepted());
    }

    @Test
    void aFetchToANonAllowlistedLoopbackPortIsRefused() {
        navigate("/fetch-refused");
        awaitTitle("fetch-failed");
        assertEquals(0, trap.accepted());
    }

    @Test
    void allowlistedPagesAndTheirSubresourcesStillLoad() {
        assertEquals(200, navigate("/app").at("/result/status").asInt());
        awaitTitle("script-ran");
    }

    @Test
    void anAllowlistedAddressWithNothingListeningFailsToNavigateInsteadOfShowingAProxyPage() {
        JsonNode r = controller.call("navigate", obj().put("url", "http://127.0.0.1:" + closedPort + "/"));
        assertFalse(r.path("ok").asBoolean(), r.toString());
    }

    private JsonNode navigate(String path) {
        return controller.call("navigate", obj().put("url", browserd.url(path)));
    }

    private void awaitTitle(String title) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> controller.call("state", null).at("/result/title").asText(), title::equals);
    }
}
