package io.cloudbrowser.controlplane.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.RawHttp;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions end to end with real browserd sandboxes: create -> ready -> drive a command through the
 * returned wsUrl (the gateway) -> tokens and revocation -> other users -> quota -> delete.
 */
@ExtendWith(LeftoverProcesses.class)
class SessionsApiTest {
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static PageServer pages;
    private static ControlPlane plane;
    private static ApiClient alice;
    private static ApiClient bob;
    private static JsonNode shared;

    @BeforeAll
    static void start() throws IOException {
        pages = new PageServer().page("/titled", "<title>through the gateway</title>");
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("sessions"),
                "--max-sessions-per-user", "2"));
        alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
        bob = new ApiClient(plane.publicUrl(), TestEnvironment.BOB_KEY);
        shared = alice.createSession("{\"viewport\":{\"w\":800,\"h\":600},\"ttlSeconds\":600}");
    }

    @AfterAll
    static void stop() {
        plane.close();
        pages.close();
    }

    @Test
    void aCreatedSessionIsReadyAndDescribesItself() {
        assertEquals("ready", shared.path("status").asText());
        String id = shared.path("id").asText();
        assertTrue(id.matches("s-[0-9a-f]{24}"), id);
        assertEquals(plane.publicUrl().toString().replace("http:", "ws:") + "/api/sessions/" + id + "/ws",
                shared.path("wsUrl").asText());
        assertEquals(800, shared.path("viewport").path("w").asInt());
        Instant created = Instant.parse(shared.path("createdAt").asText());
        assertEquals(created.plusSeconds(600), Instant.parse(shared.path("expiresAt").asText()));
        String viewerUrl = URLDecoder.decode(shared.path("viewerUrl").asText(), StandardCharsets.UTF_8);
        assertTrue(viewerUrl.startsWith(plane.publicUrl() + "/viewer.html#ws=" + shared.path("wsUrl").asText()
                + "&token=" + shared.path("token").asText()), viewerUrl);
        JsonNode read = alice.get("/api/sessions/" + id).body();
        assertEquals("ready", read.path("status").asText());
        assertNotNull(read.path("lastActivityAt").asText(null));
        assertNotNull(read.path("idleTimeoutAt").asText(null));
        assertFalse(read.has("token"), "a token is handed out once, on create");
    }

    @Test
    void commandsRunThroughTheGatewayAndViewersAreCounted() {
        try (WsClient ws = WsClient.connect(shared.path("wsUrl").asText(), shared.path("token").asText())) {
            JsonNode ready = ws.await(m -> "ready".equals(m.path("name").asText()), Duration.ofSeconds(10));
            assertEquals(shared.path("id").asText(), ready.path("data").path("sessionId").asText());
            ws.send("{\"id\":\"c1\",\"type\":\"cmd\",\"method\":\"navigate\","
                    + "\"params\":{\"url\":\"" + pages.url("/titled") + "\"}}");
            assertTrue(ws.result("c1", RESULT_TIMEOUT).path("ok").asBoolean());
            ws.send("{\"id\":\"c2\",\"type\":\"cmd\",\"method\":\"state\"}");
            assertEquals("through the gateway", ws.result("c2", RESULT_TIMEOUT).path("result").path("title").asText());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    alice.get("/api/sessions/" + shared.path("id").asText()).body().path("viewers").asInt() == 1);
        }
    }

    @Test
    void theGatewayRefusesMissingAndForeignTokens() {
        String wsUrl = shared.path("wsUrl").asText();
        assertThrows(CompletionException.class, () -> WsClient.connect(wsUrl, "not-a-token"));
        String path = "/api/sessions/" + shared.path("id").asText() + "/ws";
        RawHttp.Response noToken = RawHttp.upgrade(plane.port(), path, Map.of());
        assertTrue(noToken.statusLine().startsWith("HTTP/1.1 401") && noToken.body().contains("\"code\":\"unauthorized\""),
                noToken.toString());
        RawHttp.Response wrongSession = RawHttp.upgrade(plane.port(), "/api/sessions/s-other/ws",
                Map.of("Authorization", "Bearer " + shared.path("token").asText()));
        assertTrue(wrongSession.statusLine().startsWith("HTTP/1.1 401"), wrongSession.toString());
        RawHttp.Response foreignOrigin = RawHttp.upgrade(plane.port(), path + "?token=" + shared.path("token").asText(),
                Map.of("Origin", "http://evil.example"));
        assertTrue(foreignOrigin.statusLine().startsWith("HTTP/1.1 403"), "browserd's origin check holds through the gateway: "
                + foreignOrigin);
        RawHttp.Response sameOrigin = RawHttp.upgrade(plane.port(), path + "?token=" + shared.path("token").asText(),
                Map.of("Host", "localhost:" + plane.port(), "Origin", "http://localhost:" + plane.port()));
        assertTrue(sameOrigin.statusLine().startsWith("HTTP/1.1 101"), "a page from this server, by any name: " + sameOrigin);
    }

    @Test
    void aRevokedViewerIsDroppedAndRefusedAfter() {
        String id = shared.path("id").asText();
        ApiClient.Response minted = alice.post("/api/sessions/" + id + "/tokens", "{\"role\":\"viewer\",\"ttlSeconds\":120}");
        assertEquals(201, minted.status(), String.valueOf(minted.body()));
        JsonNode token = minted.body();
        assertEquals("viewer", token.path("role").asText());
        assertTrue(token.path("viewerUrl").asText().contains("token=" + token.path("token").asText()));
        WsClient viewer = WsClient.connect(token.path("wsUrl").asText(), token.path("token").asText());
        JsonNode ready = viewer.await(m -> "ready".equals(m.path("name").asText()), Duration.ofSeconds(10));
        assertEquals("viewer", ready.path("data").path("role").asText());
        assertEquals(204, alice.delete("/api/sessions/" + id + "/tokens/" + token.path("id").asText()).status());
        assertEquals(1008, viewer.closeCode().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThrows(CompletionException.class,
                () -> WsClient.connect(token.path("wsUrl").asText(), token.path("token").asText()));
        assertEquals(204, alice.delete("/api/sessions/" + id + "/tokens/" + token.path("id").asText()).status(),
                "revoking again is fine");
        assertEquals("token_not_found", alice.delete("/api/sessions/" + id + "/tokens/nope").errorCode());
    }

    @Test
    void anotherUsersSessionDoesNotExistForThem() {
        String path = "/api/sessions/" + shared.path("id").asText();
        assertEquals("session_not_found", bob.get(path).errorCode());
        assertEquals("session_not_found", bob.delete(path).errorCode());
        assertEquals("session_not_found", bob.post(path + "/tokens", "{\"role\":\"controller\"}").errorCode());
        assertTrue(bob.get("/api/sessions").body().path("sessions").isEmpty());
        assertEquals("ready", alice.get(path).body().path("status").asText(), "untouched");
    }

    @Test
    void quotaThenDeleteIsIdempotentAndListed() {
        JsonNode second = alice.createSession("{\"idleTimeoutSeconds\":120}");
        ApiClient.Response third = alice.post("/api/sessions", "{}");
        assertEquals(429, third.status());
        assertEquals("quota_exceeded", third.errorCode());
        String path = "/api/sessions/" + second.path("id").asText();
        JsonNode deleted = alice.delete(path).body();
        assertEquals("stopped", deleted.path("status").asText());
        for (String time : new String[] {"createdAt", "readyAt", "expiresAt"}) {
            assertEquals(second.path(time).asText(), deleted.path(time).asText(), time + " reads the same once ended");
            assertTrue(second.path(time).asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    time + " has millisecond precision: " + second.path(time).asText());
        }
        assertEquals(deleted.path("endedAt").asText(), alice.get(path).body().path("endedAt").asText());
        assertEquals("deleted", deleted.path("reason").asText());
        assertNotNull(deleted.path("endedAt").asText(null));
        assertEquals("stopped", alice.delete(path).body().path("status").asText(), "delete is idempotent");
        assertEquals("session_not_active", alice.post(path + "/tokens", "{\"role\":\"viewer\"}").errorCode());
        JsonNode page = alice.get("/api/sessions?limit=1").body();
        assertEquals(second.path("id").asText(), page.path("sessions").get(0).path("id").asText(), "newest first");
        JsonNode next = alice.get("/api/sessions?limit=1&cursor=" + page.path("nextCursor").asText()).body();
        assertEquals(shared.path("id").asText(), next.path("sessions").get(0).path("id").asText());
        assertTrue(next.path("nextCursor").isNull());
        assertEquals(201, alice.post("/api/sessions", "{\"ttlSeconds\":60}").status(), "the quota freed up");
    }
}
