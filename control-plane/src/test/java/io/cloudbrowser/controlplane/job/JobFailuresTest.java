package io.cloudbrowser.controlplane.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jobs whose sandbox never starts are retried, then dead-lettered; a user's queue has a limit. */
@ExtendWith(LeftoverProcesses.class)
class JobFailuresTest {
    private static final String SCREENSHOT = "{\"type\":\"screenshot\",\"url\":\"http://127.0.0.1:9/\"}";

    @Test
    void aSandboxThatNeverStartsIsTriedThreeTimesDeadLetteredAndRetryRequeuesIt() {
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("jobs-dead"),
                "--browserd-jar", "/nonexistent/browserd.jar", "--job-workers", "1", "--job-retry-backoff", "PT0.1S"))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            String id = alice.post("/api/jobs", SCREENSHOT).body().path("id").asText();
            JsonNode dead = awaitFailed(alice, id);
            assertEquals(3, dead.path("attempts").asInt());
            assertTrue(dead.path("deadLettered").asBoolean());
            assertEquals("sandbox_failed", dead.path("error").path("code").asText());
            List<String> log = log(alice, id);
            assertEquals(3, log.stream().filter(l -> l.startsWith("attempt ") && l.contains(" of 3 on replica")).count(), log.toString());
            assertEquals(2, log.stream().filter(l -> l.contains("queued again")).count(), log.toString());
            assertTrue(log.get(log.size() - 1).startsWith("failed after 3 attempts, dead-lettered"), log.toString());
            JsonNode listed = alice.get("/api/jobs?status=FAILED").body().path("jobs").get(0);
            assertEquals(id, listed.path("id").asText());

            ApiClient.Response retried = alice.post("/api/jobs/" + id + "/retry", "");
            assertEquals(202, retried.status());
            assertEquals("QUEUED", retried.body().path("status").asText());
            assertEquals(0, retried.body().path("attempts").asInt());
            assertFalse(retried.body().path("deadLettered").asBoolean());
            JsonNode again = awaitFailed(alice, id);
            assertEquals(3, again.path("attempts").asInt(), "three fresh attempts");
            assertEquals(6, log(alice, id).stream().filter(l -> l.contains(" of 3 on replica")).count());
        }
    }

    @Test
    void aUserAtTheLimitOfQueuedJobsIsRefusedAndOthersAreNot() {
        try (ControlPlane plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("jobs-quota"),
                "--job-workers", "0", "--max-jobs-per-user", "2"))) {
            ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
            ApiClient bob = new ApiClient(plane.publicUrl(), TestEnvironment.BOB_KEY);
            String first = alice.post("/api/jobs", SCREENSHOT).body().path("id").asText();
            assertEquals(202, alice.post("/api/jobs", SCREENSHOT).status());
            ApiClient.Response refused = alice.post("/api/jobs", SCREENSHOT);
            assertEquals(429, refused.status());
            assertEquals("job_quota_exceeded", refused.errorCode());
            assertEquals(202, bob.post("/api/jobs", SCREENSHOT).status());
            JsonNode cancelled = alice.delete("/api/jobs/" + first).body();
            assertEquals("CANCELLED", cancelled.path("status").asText());
            assertEquals(202, alice.post("/api/jobs", SCREENSHOT).status(), "a cancelled job no longer counts");
        }
    }

    private static JsonNode awaitFailed(ApiClient client, String id) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = client.get("/api/jobs/" + id).body();
            return last[0].path("status").asText().equals("FAILED");
        });
        return last[0];
    }

    private static List<String> log(ApiClient client, String id) {
        List<String> lines = new ArrayList<>();
        client.get("/api/jobs/" + id + "/logs?limit=500").body().path("events").forEach(e -> lines.add(e.path("message").asText()));
        return lines;
    }
}
