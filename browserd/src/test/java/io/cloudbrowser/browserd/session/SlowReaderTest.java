package io.cloudbrowser.browserd.session;

import static io.cloudbrowser.browserd.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.testing.PageServer;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.browserd.testing.WsClient;
import io.cloudbrowser.protocol.token.Role;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A viewer that never reads costs one frame of memory and does not slow anyone else. */
class SlowReaderTest {
    static PageServer pages;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        // a noisy animated page: big frames fill socket buffers fast
        pages = new PageServer().page("/noise", "<body style='margin:0'><canvas id=c width=1280 height=720></canvas><script>"
                + "const x=c.getContext('2d');(function f(){const d=x.createImageData(1280,720);"
                + "for(let i=0;i<d.data.length;i++)d.data[i]=Math.random()*255;x.putImageData(d,0,0);requestAnimationFrame(f)})()"
                + "</script></body>");
        daemon = TestDaemon.start(Map.of("BROWSERD_URL_POLICY", "127.0.0.1:" + pages.port()));
    }

    @AfterAll
    static void stop() {
        daemon.close();
        pages.close();
    }

    @Test
    void aStalledViewerStaysBoundedAndTheOtherKeepsItsFrameRate() throws Exception {
        try (WsClient driver = daemon.controller(); Socket stalled = stalledViewer()) {
            driver.call("navigate", obj().put("url", pages.url("/noise")));
            long emittedBefore = health("framesEmitted");
            int receivedBefore = driver.frameCount();
            long maxBacklog = 0;
            long until = System.currentTimeMillis() + 8000;
            while (System.currentTimeMillis() < until) {
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
        s.connect(new InetSocketAddress("127.0.0.1", daemon.port()));
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + daemon.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + daemon.token(Role.VIEWER) + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> health("clients") == 2);
        return s;
    }

    private static long health(String field) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(daemon.httpUrl("/health"))).build(), HttpResponse.BodyHandlers.ofString());
        return WsClient.JSON.readTree(res.body()).path(field).asLong();
    }
}
