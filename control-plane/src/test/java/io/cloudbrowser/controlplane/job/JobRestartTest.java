package io.cloudbrowser.controlplane.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A control plane SIGKILLed while a job runs: the next one on the data directory stops the orphaned sandbox, takes
 * the job back at once (its own lease) and completes it, once, with one set of outputs.
 */
@ExtendWith(LeftoverProcesses.class)
class JobRestartTest {
    private static final String LATE_PAGE = "<html><body><script>setTimeout(function(){var d=document.createElement("
            + "'div');d.id='late';d.textContent='here';document.body.appendChild(d);},3000)</script></body></html>";

    @Test
    void aJobRunningWhenItsControlPlaneDiedCompletesExactlyOnceAfterTheRestart() throws IOException {
        Path dataDir = TestEnvironment.newDataDir("jobs-restart");
        String[] flags = {"--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*", "--job-workers", "1"};
        try (PageServer pages = new PageServer().page("/late", LATE_PAGE)) {
            ChildControlPlane first = ChildControlPlane.start(dataDir, "first", flags);
            ApiClient alice = new ApiClient(first.publicUrl(), TestEnvironment.ALICE_KEY);
            String id = alice.post("/api/jobs", "{\"type\":\"script\",\"steps\":[{\"method\":\"navigate\",\"params\":"
                    + "{\"url\":\"" + pages.url("/late") + "\"}},{\"method\":\"waitForSelector\",\"params\":"
                    + "{\"selector\":\"#late\"}},{\"method\":\"screenshot\"}]}").body().path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> log(alice, id).stream()
                    .anyMatch(l -> l.startsWith("step 2 waitForSelector")));
            first.kill();

            ChildControlPlane second = ChildControlPlane.start(dataDir, "second", flags);
            try {
                ApiClient again = new ApiClient(second.publicUrl(), TestEnvironment.ALICE_KEY);
                JsonNode[] job = new JsonNode[1];
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                        job[0] = again.get("/api/jobs/" + id).body();
                        return job[0].path("status").asText().equals("COMPLETED");
                    });
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("not completed: " + job[0] + "\nlog: " + log(again, id) + "\n"
                            + Files.readString(dataDir.resolve("second.out")), e);
                }
                assertEquals(2, job[0].path("attempts").asInt());
                assertEquals(1, job[0].path("outputs").size());
                assertEquals(1, log(again, id).stream().filter(l -> l.startsWith("completed with")).count());
                try (Stream<Path> files = Files.walk(dataDir.resolve("artifacts").resolve(id))) {
                    assertEquals(1, files.filter(Files::isRegularFile).count(), "one set of outputs");
                }
            } finally {
                second.stop();
            }
        }
    }

    private static List<String> log(ApiClient client, String id) {
        List<String> lines = new ArrayList<>();
        client.get("/api/jobs/" + id + "/logs?limit=500").body().path("events").forEach(e -> lines.add(e.path("message").asText()));
        return lines;
    }
}
