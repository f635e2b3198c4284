package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.ReceivedFrame;
import io.cloudbrowser.testing.TestPages;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames: ready first, frames that change with the page, binary frames that are JPEG, per-connection tuning. */
class StreamTest {
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/red", TestPages.solid("#ff0000")).page("/blue", TestPages.solid("#0000ff"))
                    .page("/anim", TestPages.MOVING_BOX))
            .daemon(TestDaemon::start);

    @Test
    void readyComesFirstThenFramesThatFollowThePage() throws Exception {
        try (WsClient c = browserd.controller()) {
            JsonNode first = c.event("ready");
            assertEquals(first, c.messages().get(0), "ready is the first message");
            assertEquals("controller", first.at("/data/role").asText());
            assertEquals(TestDaemon.SESSION, first.at("/data/sessionId").asText());
            assertEquals(1280, first.at("/data/viewport/w").asInt());

            c.send(obj().put("type", "stream").put("binary", true));
            assertTrue(c.call("navigate", obj().put("url", browserd.url("/red"))).path("ok").asBoolean());
            await().atMost(Duration.ofSeconds(10)).until(() -> centerColor(c) == 0xff0000);
            c.call("navigate", obj().put("url", browserd.url("/blue")));
            await().atMost(Duration.ofSeconds(10)).until(() -> centerColor(c) == 0x0000ff);
            JsonNode header = c.latestFrame().header();
            assertEquals("jpeg", header.path("format").asText());
            assertEquals(1280, header.at("/viewport/w").asInt());
        }
    }

    @Test
    void jsonFramesByDefaultAndEveryNthAndPause() {
        try (WsClient all = browserd.controller(); WsClient third = browserd.viewer()) {
            third.send(obj().put("type", "stream").put("everyNthFrame", 3));
            all.call("navigate", obj().put("url", browserd.url("/anim")));
            await().atMost(Duration.ofSeconds(15)).until(() -> all.frameCount() > 60);
            JsonNode header = all.frames().get(0).header();
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
        try (WsClient driver = browserd.controller()) {
            driver.call("navigate", obj().put("url", browserd.url("/red")));
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.frameCount() > 0);
        }
        try (WsClient late = browserd.viewer()) {
            late.send(obj().put("type", "stream").put("binary", true));
            await().atMost(Duration.ofSeconds(5)).until(() -> centerColor(late) == 0xff0000);
        }
    }

    private static int centerColor(WsClient c) throws Exception {
        List<ReceivedFrame> binary = c.frames().stream().filter(ReceivedFrame::binary).toList();
        if (binary.isEmpty()) {
            return -1;
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(binary.get(binary.size() - 1).jpeg()));
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xffffff;
        // JPEG is lossy: snap each channel to 0 or 255
        int r = ((rgb >> 16) & 0xff) > 128 ? 0xff : 0;
        int g = ((rgb >> 8) & 0xff) > 128 ? 0xff : 0;
        int b = (rgb & 0xff) > 128 ? 0xff : 0;
        return (r << 16) | (g << 8) | b;
    }
}
