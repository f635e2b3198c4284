package io.cloudbrowser.controlplane.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Browser jobs end to end on one control plane with real browserd sandboxes (the local provider) and the embedded
 * database: screenshot and script jobs, outputs behind signed URLs, the log, idempotency, tenants, a blocked URL,
 * a cancelled job and a browserd killed mid-run.
 */
@ExtendWith(LeftoverProcesses.class)
class JobsApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String RED_PAGE = "<html><body style=\"margin:0;background:#ff0000\"><div style=\"position:"
            + "absolute;left:0;top:100px;width:100%;height:100px;background:#0000ff\"></div></body></html>";
    private static final String FORM_PAGE = "<html><head><title>form</title></head><body>"
            + "<input id=\"name\"><button id=\"go\" onclick=\"document.title='hello '+"
            + "document.getElementById('name').value;console.log('clicked with', document.getElementById('name').value)\">go</button>"
            + "</body></html>";
    private static final String LATE_PAGE = "<html><body><script>setTimeout(function(){var d=document.createElement('div');"
            + "d.id='late';d.textContent='here';document.body.appendChild(d);},4000)</script></body></html>";
    private static Path dataDir;
    private static PageServer pages;
    private static ControlPlane plane;
    private static ApiClient alice;
    private static ApiClient bob;

    @BeforeAll
    static void start() throws IOException {
        pages = new PageServer().pages(Map.of("/red", RED_PAGE, "/form", FORM_PAGE, "/late", LATE_PAGE));
        dataDir = TestEnvironment.newDataDir("jobs");
        plane = Main.newServer(TestEnvironment.config(dataDir, "--job-workers", "2", "--job-retry-backoff", "PT0.2S",
                "--webhook-url-policy", "127.0.0.1:*"));
        alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
        bob = new ApiClient(plane.publicUrl(), TestEnvironment.BOB_KEY);
    }

    @AfterAll
    static void stop() {
        plane.close();
        pages.close();
    }

    private static JsonNode awaitEnded(ApiClient client, String id) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = client.get("/api/jobs/" + id).body();
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    private static HttpResponse<byte[]> download(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aScreenshotJobCompletesAndItsSignedUrlDownloadsThePage() throws Exception {
        ApiClient.Response answer = alice.post("/api/jobs?wait=60", "{\"type\":\"screenshot\",\"url\":\""
                + pages.url("/red") + "\",\"viewport\":{\"w\":640,\"h\":480}}");
        assertEquals(200, answer.status(), answer.body().toString());
        JsonNode job = answer.body();
        assertEquals("COMPLETED", job.path("status").asText(), job.toString());
        assertEquals(1, job.path("attempts").asInt());
        assertEquals(3, job.path("maxAttempts").asInt());
        Instant created = Instant.parse(job.path("createdAt").asText());
        Instant provisioning = Instant.parse(job.path("provisioningAt").asText());
        Instant running = Instant.parse(job.path("runningAt").asText());
        Instant ended = Instant.parse(job.path("endedAt").asText());
        assertFalse(provisioning.isBefore(created) || running.isBefore(provisioning) || ended.isBefore(running));
        JsonNode output = job.path("outputs").get(0);
        assertEquals("screenshot.png", output.path("name").asText());
        assertEquals("image/png", output.path("contentType").asText());
        Instant expires = Instant.parse(output.path("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now().plusSeconds(3500)) && expires.isBefore(Instant.now().plusSeconds(3700)));

        HttpResponse<byte[]> png = download(output.path("url").asText());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
        assertEquals(output.path("bytes").asLong(), png.body().length);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        assertEquals(0xff0000, image.getRGB(20, 20) & 0xffffff, "the page's red background");
        assertEquals(0x0000ff, image.getRGB(320, 150) & 0xffffff, "the page's blue band");
    }

    @Test
    void aScriptJobReportsEveryStepInOrderAndListsItsOutputs() {
        String steps = "[{\"method\":\"navigate\",\"params\":{\"url\":\"" + pages.url("/form") + "\"}},"
                + "{\"method\":\"type\",\"params\":{\"selector\":\"#name\",\"text\":\"jobs\"}},"
                + "{\"method\":\"click\",\"params\":{\"selector\":\"#go\"}},"
                + "{\"method\":\"state\"},"
                + "{\"method\":\"screenshot\",\"params\":{\"format\":\"jpeg\",\"quality\":60}}]";
        ApiClient.Response submitted = alice.post("/api/jobs", "{\"type\":\"script\",\"steps\":" + steps + "}");
        assertEquals(202, submitted.status(), String.valueOf(submitted.body()));
        assertEquals("QUEUED", submitted.body().path("status").asText());
        JsonNode job = awaitEnded(alice, submitted.body().path("id").asText());
        assertEquals("COMPLETED", job.path("status").asText(), job.toString());
        List<String> methods = new ArrayList<>();
        job.path("results").forEach(r -> methods.add(r.path("step").asInt() + ":" + r.path("method").asText()));
        assertEquals(List.of("1:navigate", "2:type", "3:click", "4:state", "5:screenshot"), methods);
        assertEquals("hello jobs", job.path("results").get(3).path("result").path("title").asText());
        assertEquals(1, job.path("outputs").size());
        assertEquals("step-5.jpeg", job.path("outputs").get(0).path("name").asText());
        assertEquals("image/jpeg", job.path("outputs").get(0).path("contentType").asText());

        List<String> log = new ArrayList<>();
        alice.get("/api/jobs/" + job.path("id").asText() + "/logs?limit=500").body().path("events")
                .forEach(e -> log.add(e.path("message").asText()));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("console.log: clicked with jobs")), log.toString());
        assertTrue(indexOf(log, "step 3 click") < indexOf(log, "console.log: clicked"), log.toString());
    }

    private static int indexOf(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no '" + prefix + "' in " + log);
    }

    @Test
    void logsPageWithNextToken() {
        String id = alice.post("/api/jobs?wait=60", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red") + "\"}")
                .body().path("id").asText();
        List<JsonNode> all = new ArrayList<>();
        alice.get("/api/jobs/" + id + "/logs").body().path("events").forEach(all::add);
        assertTrue(all.size() >= 5, all.toString());
        List<JsonNode> paged = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = alice.get("/api/jobs/" + id + "/logs?limit=2" + (token == null ? "" : "&next_token=" + token))
                    .body();
            assertTrue(page.path("count").asInt() <= 2);
            page.path("events").forEach(paged::add);
            token = page.path("next_token").isNull() ? null : page.path("next_token").asText();
        } while (token != null);
        assertEquals(all, paged);
        assertTrue(all.get(0).path("message").asText().startsWith("attempt 1 of 3"), all.get(0).toString());
        assertEquals(Instant.ofEpochMilli(all.get(0).path("timestamp").asLong()), Instant.parse(all.get(0).path("time").asText()));
        ApiClient.Response tooMany = alice.get("/api/jobs/" + id + "/logs?limit=501");
        assertEquals(400, tooMany.status());
        assertEquals("limit", tooMany.errorField());
        assertEquals("invalid_field", alice.get("/api/jobs/" + id + "/logs?next_token=x").errorCode());
    }

    @Test
    void aUrlTheBrowserMustNotLoadFailsAtOnce() {
        JsonNode job = alice.post("/api/jobs?wait=60", "{\"type\":\"screenshot\",\"url\":\"http://169.254.169.254/latest/\"}")
                .body();
        assertEquals("FAILED", job.path("status").asText(), job.toString());
        assertEquals("url_blocked", job.path("error").path("code").asText());
        assertEquals(1, job.path("attempts").asInt());
        assertFalse(job.path("deadLettered").asBoolean());
        assertEquals(0, job.path("outputs").size());
        assertEquals("job_not_dead_lettered", alice.post("/api/jobs/" + job.path("id").asText() + "/retry", "").errorCode());
    }

    @Test
    void aSelectorThatNeverAppearsFailsWithoutRetries() {
        JsonNode job = alice.post("/api/jobs?wait=60", "{\"type\":\"script\",\"steps\":[{\"method\":\"navigate\","
                + "\"params\":{\"url\":\"" + pages.url("/form") + "\"}},{\"method\":\"click\",\"params\":{\"selector\":"
                + "\"#missing\",\"timeoutMs\":500}}]}").body();
        assertEquals("FAILED", job.path("status").asText(), job.toString());
        assertEquals("not_found", job.path("error").path("code").asText());
        assertTrue(job.path("error").path("message").asText().startsWith("step 2 click"), job.toString());
        assertEquals(1, job.path("attempts").asInt());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJob() {
        String body = "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red") + "\"}";
        ApiClient.Response first = alice.send("POST", "/api/jobs", body, Map.of("Idempotency-Key", "same-key-1"));
        ApiClient.Response again = alice.send("POST", "/api/jobs", body, Map.of("Idempotency-Key", "same-key-1"));
        assertEquals(first.body().path("id").asText(), again.body().path("id").asText());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", again.header("Idempotent-Replayed"));
        ApiClient.Response other = alice.send("POST", "/api/jobs", "{\"type\":\"screenshot\",\"url\":\""
                + pages.url("/form") + "\"}", Map.of("Idempotency-Key", "same-key-1"));
        assertEquals(409, other.status());
        assertEquals("idempotency_conflict", other.errorCode());
        ApiClient.Response bobs = bob.send("POST", "/api/jobs", body, Map.of("Idempotency-Key", "same-key-1"));
        assertFalse(bobs.body().path("id").asText().equals(first.body().path("id").asText()), "keys are per user");
        assertEquals("invalid_field", alice.send("POST", "/api/jobs", body, Map.of("Idempotency-Key", "x".repeat(256)))
                .errorCode());
        awaitEnded(alice, first.body().path("id").asText());
        awaitEnded(bob, bobs.body().path("id").asText());
    }

    @Test
    void anotherUsersJobIsNotFoundAndNotListed() {
        String id = alice.post("/api/jobs", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red") + "\"}")
                .body().path("id").asText();
        for (ApiClient.Response r : List.of(bob.get("/api/jobs/" + id), bob.get("/api/jobs/" + id + "/logs"),
                bob.delete("/api/jobs/" + id), bob.post("/api/jobs/" + id + "/retry", ""))) {
            assertEquals(404, r.status());
            assertEquals("job_not_found", r.errorCode());
        }
        bob.get("/api/jobs?limit=100").body().path("jobs").forEach(j -> assertFalse(j.path("id").asText().equals(id)));
        JsonNode mine = alice.get("/api/jobs?limit=100").body().path("jobs");
        assertTrue(mine.findValuesAsText("id").contains(id));
        awaitEnded(alice, id);
    }

    @Test
    void listsAreNewestFirstByStatusAndPage() {
        for (int i = 0; i < 3; i++) {
            awaitEnded(alice, alice.post("/api/jobs", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red") + "\"}")
                    .body().path("id").asText());
        }
        JsonNode first = alice.get("/api/jobs?limit=2&status=COMPLETED").body();
        assertEquals(2, first.path("jobs").size());
        first.path("jobs").forEach(j -> assertEquals("COMPLETED", j.path("status").asText()));
        assertTrue(Instant.parse(first.path("jobs").get(0).path("createdAt").asText())
                .compareTo(Instant.parse(first.path("jobs").get(1).path("createdAt").asText())) >= 0);
        JsonNode next = alice.get("/api/jobs?limit=2&status=COMPLETED&cursor=" + first.path("nextCursor").asText()).body();
        assertTrue(next.path("jobs").size() >= 1);
        assertFalse(next.path("jobs").get(0).path("id").asText().equals(first.path("jobs").get(1).path("id").asText()));
        assertEquals("status", alice.get("/api/jobs?status=DONE").errorField());
        assertEquals("unknown_field", alice.get("/api/jobs?sort=asc").errorCode());
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, String> expected = Map.of(
                "{}", "type",
                "{\"type\":\"video\"}", "type",
                "{\"type\":\"screenshot\"}", "url",
                "{\"type\":\"screenshot\",\"url\":\"file:///etc/passwd\"}", "url",
                "{\"type\":\"screenshot\",\"url\":\"http://127.0.0.1/\",\"format\":\"gif\"}", "format",
                "{\"type\":\"screenshot\",\"url\":\"http://127.0.0.1/\",\"quality\":50}", "quality",
                "{\"type\":\"screenshot\",\"url\":\"http://127.0.0.1/\",\"timeoutSeconds\":601}", "timeoutSeconds",
                "{\"type\":\"script\",\"steps\":[]}", "steps",
                "{\"type\":\"script\",\"steps\":[{\"method\":\"handoff\"}]}", "steps[0].method",
                "{\"type\":\"script\",\"steps\":[{\"method\":\"navigate\",\"params\":[1]}]}", "steps[0].params");
        expected.forEach((body, field) -> {
            ApiClient.Response r = alice.post("/api/jobs", body);
            assertEquals(400, r.status(), body);
            assertEquals("invalid_field", r.errorCode(), body);
            assertEquals(field, r.errorField(), body);
        });
        ApiClient.Response unknown = alice.post("/api/jobs", "{\"type\":\"script\",\"steps\":[{\"method\":\"state\","
                + "\"extra\":1}]}");
        assertEquals("unknown_field", unknown.errorCode());
        assertEquals("steps[0].extra", unknown.errorField());
        assertEquals("wait", alice.post("/api/jobs?wait=61", "{\"type\":\"screenshot\",\"url\":\"http://127.0.0.1/\"}")
                .errorField());
        assertEquals("bad_json", alice.post("/api/jobs", "[1]").errorCode());
        assertEquals(401, new ApiClient(plane.publicUrl(), null).get("/api/jobs").status());
    }

    @Test
    void cancellingARunningJobEndsItAndStopsItsSandbox() {
        String id = alice.post("/api/jobs", "{\"type\":\"script\",\"steps\":[{\"method\":\"navigate\",\"params\":"
                + "{\"url\":\"" + pages.url("/form") + "\"}},{\"method\":\"waitForSelector\",\"params\":{\"selector\":"
                + "\"#never\",\"timeoutMs\":120000}}],\"timeoutSeconds\":300}").body().path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
                alice.get("/api/jobs/" + id).body().path("status").asText().equals("RUNNING"));
        JsonNode cancelled = alice.delete("/api/jobs/" + id).body();
        assertEquals("CANCELLED", cancelled.path("status").asText());
        assertEquals("job_cancelled", cancelled.path("error").path("code").asText());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !browserdRuns(id + "-a1"));
        assertEquals("CANCELLED", alice.get("/api/jobs/" + id).body().path("status").asText(), "it stays cancelled");
    }

    @Test
    void aBrowserdKilledMidRunIsRetriedAndTheSecondAttemptCompletes() {
        String id = alice.post("/api/jobs", "{\"type\":\"script\",\"steps\":[{\"method\":\"navigate\",\"params\":"
                + "{\"url\":\"" + pages.url("/late") + "\"}},{\"method\":\"waitForSelector\",\"params\":{\"selector\":"
                + "\"#late\",\"timeoutMs\":60000}},{\"method\":\"screenshot\"}]}").body().path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> logged(id, "step 2 waitForSelector"));
        ProcessHandle browserd = LeftoverProcesses.browserdOf(dataDir, id + "-a1");
        assertNotNull(browserd);
        browserd.destroyForcibly();
        JsonNode job = awaitEnded(alice, id);
        assertEquals("COMPLETED", job.path("status").asText(), job.toString());
        assertEquals(2, job.path("attempts").asInt());
        assertEquals(1, job.path("outputs").size());
        assertTrue(logged(id, "attempt 1 failed (sandbox_failed"), "the first attempt's end is logged");
    }

    /** Whether the browserd of a job's attempt ({@code <job id>-a<attempt>}, its session) runs. */
    private static boolean browserdRuns(String attemptSession) {
        try {
            return LeftoverProcesses.browserdOf(dataDir, attemptSession).isAlive();
        } catch (AssertionError none) {
            return false;
        }
    }

    private static boolean logged(String id, String prefix) {
        for (JsonNode e : alice.get("/api/jobs/" + id + "/logs?limit=500").body().path("events")) {
            if (e.path("message").asText().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTamperedSignedUrlIsRefused() throws Exception {
        JsonNode job = alice.post("/api/jobs?wait=60", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red") + "\"}")
                .body();
        assertEquals("COMPLETED", job.path("status").asText(), job.toString());
        String url = job.path("outputs").get(0).path("url").asText();
        String later = url.replaceFirst("expires=(\\d+)", "expires=" + (Instant.now().getEpochSecond() + 999_999));
        String otherKey = url.replace("/screenshot.png", "/screenshot.jpeg");
        String traversal = url.replace(job.path("id").asText() + "/1/screenshot.png", "..%2F..%2Fkeys%2Fartifact-url.key");
        for (String bad : List.of(later, otherKey, traversal, url.replaceFirst("sig=[^&]+", "sig=AAAA"))) {
            HttpResponse<byte[]> refused = download(bad);
            assertEquals(403, refused.statusCode(), bad);
            assertTrue(new String(refused.body()).contains("signed_url_invalid"), bad);
        }
        assertEquals(200, download(url).statusCode());
    }

    @Test
    void aWebhookGetsTheEndedJobSignedAndIsRetriedUntilTaken() throws Exception {
        List<Map<String, String>> deliveries = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(Map.of("body", new String(body, StandardCharsets.UTF_8),
                    "timestamp", exchange.getRequestHeaders().getFirst("Cloudbrowser-Webhook-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("Cloudbrowser-Webhook-Signature"),
                    "id", exchange.getRequestHeaders().getFirst("Cloudbrowser-Webhook-Id")));
            exchange.sendResponseHeaders(deliveries.size() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String id = alice.post("/api/jobs", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red")
                    + "\",\"webhookUrl\":\"" + hook + "\"}").body().path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> deliveries.size() >= 2);
            String secret = Files.readString(dataDir.resolve("keys").resolve("webhook.key")).strip();
            for (Map<String, String> delivery : deliveries) {
                assertEquals(id, delivery.get("id"));
                long timestamp = Long.parseLong(delivery.get("timestamp"));
                assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "inside the replay window");
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + delivery.get("body"))
                        .getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, delivery.get("signature"));
                JsonNode job = new ObjectMapper().readTree(delivery.get("body"));
                assertEquals("COMPLETED", job.path("status").asText());
                assertEquals(1, job.path("outputs").size());
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logged(id, "webhook try 2: HTTP 204, delivered"));
            assertTrue(logged(id, "webhook try 1: HTTP 500, next try in 1 s"));
            assertEquals(2, deliveries.size(), "no try after the delivery");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aPrivateOrMetadataWebhookTargetIsRefusedAtSubmit() {
        for (String target : List.of("http://10.11.12.13/hook", "http://169.254.169.254/latest", "http://[::1]:9/x",
                "http://192.168.1.1/")) {
            ApiClient.Response r = alice.post("/api/jobs", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red")
                    + "\",\"webhookUrl\":\"" + target + "\"}");
            assertEquals(400, r.status(), target);
            assertEquals("webhook_url_refused", r.errorCode(), target);
            assertEquals("webhookUrl", r.errorField());
        }
        assertEquals("invalid_field", alice.post("/api/jobs", "{\"type\":\"screenshot\",\"url\":\"" + pages.url("/red")
                + "\",\"webhookUrl\":\"ftp://127.0.0.1/\"}").errorCode());
    }
}
