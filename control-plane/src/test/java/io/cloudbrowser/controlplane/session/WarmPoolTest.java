package io.cloudbrowser.controlplane.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session from the warm pool: claimed without a restart, resized, driven; the pool refills. */
@ExtendWith(LeftoverProcesses.class)
class WarmPoolTest {
    private static PageServer pages;
    private static ControlPlane plane;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws IOException {
        pages = new PageServer().page("/warm-start", "<title>warm start</title>");
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("warm"), "--warm-pool-size", "1"));
        alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        plane.close();
        pages.close();
    }

    private static void awaitPoolFilled() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> alice.get("/health").body().path("warmPoolReady").asInt() == 1);
    }

    @Test
    void aClaimedSandboxServesTheNewSessionAtItsViewportAndThePoolRefills() {
        awaitPoolFilled();
        JsonNode session = alice.createSession("{\"viewport\":{\"w\":900,\"h\":700},\"startUrl\":"
                + "\"" + pages.url("/warm-start") + "\"}");
        assertTrue(session.path("fromWarmPool").asBoolean());
        assertEquals("ready", session.path("status").asText());
        try (WsClient ws = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
            JsonNode ready = ws.await(m -> "ready".equals(m.path("name").asText()), Duration.ofSeconds(10));
            assertEquals(session.path("id").asText(), ready.path("data").path("sessionId").asText());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                ws.send("{\"id\":\"s" + System.nanoTime() + "\",\"type\":\"cmd\",\"method\":\"state\"}");
                JsonNode state = ws.await(m -> "result".equals(m.path("type").asText())
                        && m.path("result").path("title").asText().equals("warm start"), Duration.ofSeconds(2));
                return state.path("result").path("viewport").path("width").asInt(
                        state.path("result").path("viewport").path("w").asInt()) == 900;
            });
        }
        awaitPoolFilled();
        assertEquals(1, alice.get("/health").body().path("liveSessions").asInt());
    }

    @Test
    void aPixelRatioThePoolDoesNotHaveStartsCold() {
        awaitPoolFilled();
        JsonNode session = alice.createSession("{\"viewport\":{\"w\":640,\"h\":480,\"dpr\":2}}");
        assertFalse(session.path("fromWarmPool").asBoolean());
        assertEquals(1, alice.get("/health").body().path("warmPoolReady").asInt(), "the pool was left alone");
        assertEquals("stopped", alice.delete("/api/sessions/" + session.path("id").asText()).body().path("status").asText());
    }
}
