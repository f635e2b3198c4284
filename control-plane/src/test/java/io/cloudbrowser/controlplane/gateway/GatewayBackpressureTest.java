package io.cloudbrowser.controlplane.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.TestPages;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A viewer that stops reading, through the gateway, on a page that animates: the gateway must not
 * queue frames for it, so browserd's keep-latest slot drops the frames it cannot take (gaps in
 * the sequence numbers it receives once it reads again), and a second viewer is not slowed.
 */
@ExtendWith(LeftoverProcesses.class)
class GatewayBackpressureTest {
    /** The abuse drill's "never reads for 60 s" is this test with {@code -Ddrill.full=true} (README "Drills"). */
    private static final boolean FULL = Boolean.getBoolean("drill.full");
    private static final Duration STALL = Duration.ofSeconds(FULL ? 60 : 6);
    private static final Duration MAX_STALL = Duration.ofSeconds(FULL ? 90 : 40);
    private static final int STALL_FRAMES = 100;
    private static PageServer pages;
    private static ControlPlane plane;
    private static JsonNode session;

    @BeforeAll
    static void start() throws IOException {
        // Noise: every frame is a large JPEG, so socket buffers fill after a few frames.
        pages = new PageServer().page("/noise", TestPages.NOISE);
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("backpressure")));
        ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
        session = alice.createSession("{\"viewport\":{\"w\":1280,\"h\":720},\"startUrl\":\"" + pages.url("/noise") + "\"}");
    }

    @AfterAll
    static void stop() {
        plane.close();
        pages.close();
    }

    @Test
    void aStalledViewerGetsTheLatestFramesNotABacklog() {
        String wsUrl = session.path("wsUrl").asText();
        String token = session.path("token").asText();
        try (WsClient slow = WsClient.connect(wsUrl, token); WsClient fast = WsClient.connect(wsUrl, token)) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> slow.frameCount() > 10);
            slow.pause();
            long stalledAt = last(slow.frameSeqs());
            int fastBefore = fast.frameCount();
            // At least STALL, and on a loaded machine (fewer frames a second) until the page made enough frames
            // that what socket buffers hold is a small part of them.
            try {
                Awaitility.await().pollDelay(STALL).atMost(MAX_STALL).pollInterval(Duration.ofMillis(200))
                        .until(() -> last(fast.frameSeqs()) - stalledAt >= STALL_FRAMES);
            } catch (ConditionTimeoutException e) {
                // a very slow page: judged below on what it made
            }
            int fastDuringStall = fast.frameCount() - fastBefore;
            long producedMeanwhile = last(fast.frameSeqs()) - stalledAt;
            slow.resume();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> last(slow.frameSeqs()) >= stalledAt + producedMeanwhile);
            long delivered = slow.frameSeqs().stream().filter(seq -> seq > stalledAt && seq <= stalledAt + producedMeanwhile)
                    .count();
            System.out.printf("stall %s: produced %d frames, the stalled viewer got %d of them, the other %d%n",
                    STALL, producedMeanwhile, delivered, fastDuringStall);
            assertTrue(producedMeanwhile > 30, "the page animates: " + producedMeanwhile);
            // What socket buffers hold gets through (~20 frames of noise); without backpressure all would.
            assertTrue(delivered <= producedMeanwhile * 3 / 4 && producedMeanwhile - delivered >= 10,
                    "frames were dropped for the stalled viewer, not queued: " + delivered + " of " + producedMeanwhile);
            assertTrue(fastDuringStall > producedMeanwhile * 3 / 4, "the other viewer kept its pace: "
                    + fastDuringStall + " of " + producedMeanwhile);
        }
    }

    private static long last(List<Long> seqs) {
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }
}
