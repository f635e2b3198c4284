package io.cloudbrowser.browserd.session;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.TestPages;
import io.cloudbrowser.testing.WsClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A viewer that never reads costs one frame of memory and does not slow anyone else. */
class SlowReaderTest {
    private static final int WINDOW_FRAMES = 60;
    /** A noisy animated page: big frames fill socket buffers fast. */
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/noise", TestPages.NOISE))
            .daemon(TestDaemon::start);

    @Test
    void aStalledViewerStaysBoundedAndTheOtherKeepsItsFrameRate() throws Exception {
        try (WsClient driver = browserd.controller(); Socket stalled = stalledViewer()) {
            driver.call("navigate", obj().put("url", browserd.url("/noise")));
            long emittedBefore = health("framesEmitted");
            int receivedBefore = driver.frameCount();
            long maxBacklog = 0;
            // At least 8 s, and on a loaded machine (fewer frames a second) until the page made 60 frames.
            long start = System.currentTimeMillis();
            long atLeast = start + 8000;
            long atMost = start + 30_000;
            while (System.currentTimeMillis() < atMost && (System.currentTimeMillis() < atLeast
                    || health("framesEmitted") - emittedBefore < WINDOW_FRAMES)) {
                maxBacklog = Math.max(maxBacklog, health("maxClientBacklogBytes"));
                await().pollDelay(Duration.ofMillis(200)).until(() -> true);
            }
            long emitted = health("framesEmitted") - emittedBefore;
            int received = driver.frameCount() - receivedBefore;
            assertTrue(emitted > 40, "the page animates: " + emitted + " frames");
            assertTrue(received >= emitted * 0.9, "the reading viewer got " + received + " of " + emitted);
            assertTrue(maxBacklog < 2 * 1024 * 1024, "the stalled viewer's backlog stays bounded: " + maxBacklog);
            assertTrue(health("framesDropped") > 0, "the stalled viewer's slot kept only the latest frame");
            assertTrue(driver.call("state", null).path("ok").asBoolean(), "commands still answer");
        }
    }

    /** A viewer that upgrades and then never reads a byte, with a small receive window: a truly stuck client. */
    private static Socket stalledViewer() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", browserd.port()));
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + browserd.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + browserd.token(Role.VIEWER) + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> health("clients") == 2);
        return s;
    }

    private static long health(String field) {
        return browserd.health().path(field).asLong();
    }
}
