package io.cloudbrowser.controlplane.server;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.SlowlorisClient;
import io.cloudbrowser.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slowloris on the control plane: requests sent a byte a second, and connections that send nothing, are answered
 * 408 {@code request_timeout} and closed (an idle limit alone never fires while bytes trickle in); meanwhile the API
 * answers others, and a gateway WebSocket open through it all is not cut by the request deadline.
 */
@ExtendWith(LeftoverProcesses.class)
class SlowlorisTest {
    private static final String SLOW_HEAD = "GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: "
            + "a".repeat(40) + "\r\n\r\n";

    @Test
    void aTricklingOrSilentRequestGets408AndTheServerAndItsWebSocketsCarryOn() throws Exception {
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("slowloris")))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            JsonNode session = alice.createSession("{}");
            String host = plane.publicUrl().getHost();
            int port = plane.publicUrl().getPort();
            try (WsClient ws = WsClient.connect(session.path("wsUrl").asText(), session.path("token").asText())) {
                ws.event("ready");
                List<SlowlorisClient> attackers = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    attackers.add(SlowlorisClient.start(host, port, SLOW_HEAD, Duration.ofSeconds(1)));
                    attackers.add(SlowlorisClient.start(host, port, "", Duration.ofSeconds(1)));
                }
                try {
                    assertEquals(200, alice.get("/health").status(), "the API answers while they trickle");
                    Awaitility.await().atMost(Duration.ofSeconds(30))
                            .until(() -> attackers.stream().allMatch(a -> a.timedOutBy(SLOW_HEAD.length())));
                } finally {
                    for (SlowlorisClient a : attackers) {
                        a.close();
                    }
                }
                JsonNode state = ws.call("state", obj());
                assertTrue(state.path("ok").asBoolean(), "the gateway WebSocket outlived the deadline: " + state);
            }
        }
    }
}
