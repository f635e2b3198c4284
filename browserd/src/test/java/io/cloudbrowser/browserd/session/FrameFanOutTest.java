package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.screencast.Frame;
import io.cloudbrowser.protocol.token.Role;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames reach every connection by its own settings, and a joiner gets the current picture without waiting. */
class FrameFanOutTest {
    private static final String JPEG = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2});

    private final Clients clients = new Clients(BrowserdConfig.Limits.DEFAULT);
    private final FrameFanOut frames = new FrameFanOut(clients);
    private final EmbeddedConnection all = EmbeddedConnection.join(clients, Role.CONTROLLER, "all");
    private final EmbeddedConnection third = EmbeddedConnection.join(clients, Role.VIEWER, "third");
    private final EmbeddedConnection paused = EmbeddedConnection.join(clients, Role.VIEWER, "paused");

    @AfterEach
    void close() {
        List.of(all, third, paused).forEach(EmbeddedConnection::close);
    }

    @Test
    void everyConnectionGetsFramesByItsOwnSettings() {
        third.client.prefs(third.client.prefs().with(new Inbound.Stream(null, null, null, 3, true, null)));
        paused.client.prefs(paused.client.prefs().with(new Inbound.Stream(null, null, null, null, null, true)));
        for (int seq = 1; seq <= 7; seq++) {
            frames.onFrame(frame(seq));
        }

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), all.texts("frame").stream().map(FrameFanOutTest::seq).toList());
        assertEquals(3, third.binaryFrameHeaders().size(), "every third frame, as binary");
        assertTrue(third.binaryFrameHeaders().get(1).contains("\"seq\":4"), third.binaryFrameHeaders().get(1));
        assertTrue(third.texts().isEmpty());
        assertTrue(paused.texts().isEmpty() && paused.binaryFrameHeaders().isEmpty(), "a paused connection gets none");
    }

    @Test
    void aJoinerGetsTheLastFrameWhateverItsEveryNthUnlessPaused() {
        paused.client.prefs(paused.client.prefs().with(new Inbound.Stream(null, null, null, null, null, true)));
        frames.offerLast(all.client);
        assertTrue(all.texts().isEmpty(), "nothing to offer before the first frame");

        frames.onFrame(frame(1));
        frames.onFrame(frame(2));
        try (EmbeddedConnection late = EmbeddedConnection.join(clients, Role.VIEWER, "late")) {
            late.client.prefs(late.client.prefs().with(new Inbound.Stream(null, null, null, 10, null, null)));
            frames.offerLast(late.client);
            assertEquals(List.of(2L), late.texts("frame").stream().map(FrameFanOutTest::seq).toList());
        }
        frames.offerLast(paused.client);
        assertTrue(paused.texts().isEmpty(), "a paused connection is not offered the current picture either");
    }

    private static long seq(JsonNode frame) {
        return frame.path("seq").asLong();
    }

    private static Frame frame(long seq) {
        return new Frame(seq, JPEG, 1280, 720, 1.0, 1_000 + seq);
    }
}
