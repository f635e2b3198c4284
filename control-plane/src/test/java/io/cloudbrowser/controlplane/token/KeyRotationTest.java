package io.cloudbrowser.controlplane.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane.Exited;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.WsClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing keys rotate without ending live sessions: the sandboxes started before the rotation already trust the
 * new key (it was published as the next one), and tokens signed with the old key keep working until they expire.
 */
@ExtendWith(LeftoverProcesses.class)
class KeyRotationTest {
    private final Path dataDir = TestEnvironment.newDataDir("rotation");

    @Test
    void tokensOfThePreviousKeyKeepWorkingAndLiveSessionsTakeTokensOfTheNewOne() {
        ChildControlPlane first = ChildControlPlane.start(dataDir, "first");
        JsonNode live = new ApiClient(first.publicUrl(), TestEnvironment.ALICE_KEY).createSession("{}");
        String oldToken = live.path("token").asText();
        String oldKid = JWT.decode(oldToken).getKeyId();
        first.kill(); // as a rolling restart leaves it: the sandbox runs on

        Exited rotated = ChildControlPlane.runToExit(Map.of(), "rotate-keys", "--data-dir", dataDir.toString());
        assertEquals(0, rotated.code(), String.join("\n", rotated.output()));

        ChildControlPlane second = ChildControlPlane.start(dataDir, "second");
        try {
            ApiClient api = new ApiClient(second.publicUrl(), TestEnvironment.ALICE_KEY);
            String id = live.path("id").asText();
            JsonNode adopted = api.get("/api/sessions/" + id).body();
            assertEquals("ready", adopted.path("status").asText(), "adopted");
            String wsUrl = adopted.path("wsUrl").asText();
            assertDrives(wsUrl, oldToken, "a token of the previous key");

            String newToken = api.post("/api/sessions/" + id + "/tokens", "{\"role\":\"controller\"}").body()
                    .path("token").asText();
            assertNotEquals(oldKid, JWT.decode(newToken).getKeyId(), "new tokens are signed with the new key");
            assertDrives(wsUrl, newToken, "the session started before the rotation");

            JsonNode fresh = api.createSession("{}");
            assertDrives(fresh.path("wsUrl").asText(), fresh.path("token").asText(), "a session started after it");
        } finally {
            second.stop();
        }
    }

    private static void assertDrives(String wsUrl, String token, String what) {
        try (WsClient ws = WsClient.connect(wsUrl, token)) {
            assertTrue(ws.call("state", null).path("ok").asBoolean(), what);
        }
    }
}
