package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.PageServer;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.browserd.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;

import static io.cloudbrowser.browserd.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames: ready first, frames that change with the page, binary frames that are JPEG, per-connection tuning. */
class StreamTest {
    static PageServer pages;
    static TestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        pages = new PageServer()
                .page("/red", "<body style='margin:0;background:#ff0000'></body>")
                .page("/blue", "<body style='margin:0;background:#0000ff'></body>")
                .page("/anim", "<body style='margin:0'><div id=b style='width:200px;height:200px;background:green'></div>"
                        + "<script>let i=0;(function f(){b.style.marginLeft=(i++%400)+'px';requestAnimationFrame(f)})()</script></body>");
        daemon = TestDaemon.start(Map.of("BROWSERD_URL_POLICY", "127.0.0.1:" + pages.port()));
    }

    @AfterAll
    static void stop() {
        daemon.close();
        pages.close();
    }

    @Test
    void readyComesFirstThenFramesThatFollowThePage() throws Exception {
        try (WsClient c = daemon.controller()) {
            JsonNode first = c.event("ready");
            assertEquals(first, c.messages().get(0), "ready is the first message");
            assertEquals("controller", first.at("/data/role").asText());
            assertEquals(TestDaemon.SESSION, first.at("/data/sessionId").asText());
            assertEquals(1280, first.at("/data/viewport/w").asInt());

            c.send(obj().put("type", "stream").put("binary", true));
            assertTrue(c.call("navigate", obj().put("url", pages.url("/red"))).path("ok").asBoolean());
            await().atMost(Duration.ofSeconds(10)).until(() -> centerColor(c) == 0xff0000);
            c.call("navigate", obj().put("url", pages.url("/blue")));
            await().atMost(Duration.ofSeconds(10)).until(() -> centerColor(c) == 0x0000ff);
            JsonNode header = c.frameHeaders().get(c.frameHeaders().size() - 1);
            assertEquals("jpeg", header.path("format").asText());
            assertEquals(1280, header.at("/viewport/w").asInt());
        }
    }

    @Test
    void jsonFramesByDefaultAndEveryNthAndPause() {
        try (WsClient all = daemon.controller(); WsClient third = daemon.viewer()) {
            third.send(obj().put("type", "stream").put("everyNthFrame", 3));
            all.call("navigate", obj().put("url", pages.url("/anim")));
            await().atMost(Duration.ofSeconds(15)).until(() -> all.frameCount() > 60);
            JsonNode header = all.frameHeaders().get(0);
            assertNotNull(header.get("data"), "text frames carry base64 data");
            int a = all.frameCount();
            int t = third.frameCount();
            assertTrue(t < a * 0.6, "everyNthFrame=3 sends about a third: " + t + " of " + a);

            third.send(obj().put("type", "stream").put("paused", true));
            int paused = third.frameCount();
            int before = all.frameCount();
            await().atMost(Duration.ofSeconds(10)).until(() -> all.frameCount() > before + 30);
            assertTrue(third.frameCount() <= paused + 2, "a paused connection gets no frames");
        }
    }

    @Test
    void aViewerJoiningAStillPageGetsThePictureAtOnce() {
        try (WsClient driver = daemon.controller()) {
            driver.call("navigate", obj().put("url", pages.url("/red")));
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.frameCount() > 0);
        }
        try (WsClient late = daemon.viewer()) {
            late.send(obj().put("type", "stream").put("binary", true));
            await().atMost(Duration.ofSeconds(5)).until(() -> centerColor(late) == 0xff0000);
        }
    }

    private static int centerColor(WsClient c) throws Exception {
        if (c.binaryFrames().isEmpty()) {
            return -1;
        }
        byte[] jpeg = c.binaryFrames().get(c.binaryFrames().size() - 1);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xffffff;
        // JPEG is lossy: snap each channel to 0 or 255
        int r = ((rgb >> 16) & 0xff) > 128 ? 0xff : 0;
        int g = ((rgb >> 8) & 0xff) > 128 ? 0xff : 0;
        int b = (rgb & 0xff) > 128 ? 0xff : 0;
        return (r << 16) | (g << 8) | b;
    }
}
