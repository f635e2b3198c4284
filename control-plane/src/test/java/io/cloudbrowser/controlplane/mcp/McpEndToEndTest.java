package io.cloudbrowser.controlplane.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.cloudbrowser.testing.SnapshotRefs.ref;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.WsClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MCP server driven by the official MCP Java SDK's client, against real sandboxes and loopback pages: what an
 * agent does, what survives its disconnection, two agents side by side, a hand-off to a person, and the errors.
 */
@ExtendWith(LeftoverProcesses.class)
class McpEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ControlPlane plane;
    private static PageServer pages;
    private static String shared;

    @BeforeAll
    static void start() throws Exception {
        pages = new PageServer();
        for (String name : List.of("one", "two", "login", "alice0", "alice1", "alice2", "alice3", "bob0", "bob1", "bob2", "bob3")) {
            pages.page("/" + name, "<title>" + name + "</title><h1>Page " + name + "</h1>"
                    + "<button onclick=\"this.textContent='Done " + name + "'; document.title='done " + name + "'\">Go "
                    + name + "</button><input aria-label=Password oninput=\"document.title='pw:'+this.value\">");
        }
        plane = Main.newServer(TestEnvironment.config(TestEnvironment.newDataDir("mcp")));
        try (McpSyncClient agent = client(TestEnvironment.ALICE_KEY)) {
            shared = created(agent);
        }
    }

    @AfterAll
    static void stop() {
        plane.close();
        pages.close();
    }

    @Test
    void anAgentDrivesASessionByRefsAndAnotherClientContinuesItById() throws Exception {
        String id;
        try (McpSyncClient agent = client(TestEnvironment.ALICE_KEY)) {
            List<String> tools = agent.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertEquals(List.of("session_create", "session_list", "session_end", "navigate", "snapshot", "click", "type",
                    "press", "hover", "wait_for", "screenshot", "state", "takeover_link", "handoff"), tools);
            id = created(agent);
            JsonNode nav = json(ok(agent, "navigate", Map.of("sessionId", id, "url", page("one"))));
            assertEquals(200, nav.path("status").asInt());

            String snapshot = text(ok(agent, "snapshot", Map.of("sessionId", id)));
            assertTrue(snapshot.startsWith("url: " + page("one") + "\ntitle: one\n"), snapshot);
            assertTrue(snapshot.contains("heading \"Page one\" [level=1]\n"), snapshot);
            String go = ref(snapshot, "button \"Go one\"");
            ok(agent, "click", Map.of("sessionId", id, "ref", go));
            String after = text(ok(agent, "snapshot", Map.of("sessionId", id)));
            assertTrue(after.contains("button \"Done one\""), "the next snapshot shows the change: " + after);

            McpSchema.CallToolResult shot = ok(agent, "screenshot", Map.of("sessionId", id));
            McpSchema.ImageContent image = (McpSchema.ImageContent) shot.content().get(0);
            assertEquals("image/png", image.mimeType());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.data())));
            assertEquals(800, decoded.getWidth(), "the session's viewport");

            ok(agent, "navigate", Map.of("sessionId", id, "url", page("two")));
            McpSchema.CallToolResult stale = agent.callTool(call("click", Map.of("sessionId", id, "ref", go)));
            assertEquals("stale_ref", errorCode(stale), stale.toString());
        } // the MCP client goes away; the session does not

        try (McpSyncClient again = client(TestEnvironment.ALICE_KEY)) {
            JsonNode state = json(ok(again, "state", Map.of("sessionId", id)));
            assertEquals(page("two"), state.path("url").asText(), "a new client continues the session by id");
            String ids = text(ok(again, "session_list", Map.of()));
            assertTrue(ids.contains(id), ids);
            assertEquals("stopped", json(ok(again, "session_end", Map.of("sessionId", id))).path("status").asText());
            String code = errorCode(again.callTool(call("state", Map.of("sessionId", id))));
            assertTrue(code.equals("session_not_active"), code);
        }
    }

    @Test
    void twoAgentsOnTwoSessionsEachSeeOnlyTheirOwnPage() throws Exception {
        try (McpSyncClient a = client(TestEnvironment.ALICE_KEY); McpSyncClient b = client(TestEnvironment.BOB_KEY)) {
            String bobs = created(b);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (var agent : List.of(Map.entry(a, Map.entry(shared, "alice")), Map.entry(b, Map.entry(bobs, "bob")))) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 4; i++) {
                        String name = agent.getValue().getValue() + i;
                        String session = agent.getValue().getKey();
                        ok(agent.getKey(), "navigate", Map.of("sessionId", session, "url", page(name)));
                        String snap = text(ok(agent.getKey(), "snapshot", Map.of("sessionId", session)));
                        ok(agent.getKey(), "click", Map.of("sessionId", session, "ref", ref(snap, "button \"Go " + name + "\"")));
                        assertEquals("done " + name, json(ok(agent.getKey(), "state", Map.of("sessionId", session)))
                                .path("title").asText());
                    }
                }));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertEquals("session_not_found", errorCode(b.callTool(call("state", Map.of("sessionId", shared)))),
                    "bob cannot reach alice's session");
            ok(b, "session_end", Map.of("sessionId", bobs));
        }
    }

    @Test
    void aHandoffWaitsForAPersonWhileTheAgentsOtherCallsAreRefused() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient agent = McpClient.sync(transport(TestEnvironment.ALICE_KEY)).requestTimeout(Duration.ofSeconds(90))
                .progressConsumer(p -> progress.add(p.message())).build();
             McpSyncClient other = client(TestEnvironment.ALICE_KEY)) {
            agent.initialize();
            ok(agent, "navigate", Map.of("sessionId", shared, "url", page("login")));
            CompletableFuture<McpSchema.CallToolResult> handoff = CompletableFuture.supplyAsync(() -> agent.callTool(
                    new McpSchema.CallToolRequest("handoff", Map.of("sessionId", shared, "reason", "type the password",
                            "timeoutMs", 60_000), Map.of("progressToken", "h1"))));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !progress.isEmpty());
            Matcher link = Pattern.compile("(http\\S+/viewer\\.html#ws=(\\S+)&token=(\\S+))").matcher(progress.get(0));
            assertTrue(link.find(), progress.toString());

            try (WsClient person = WsClient.connect(URLDecoder.decode(link.group(2), StandardCharsets.UTF_8), link.group(3))) {
                JsonNode asked = person.await(m -> "handoff_requested".equals(m.path("name").asText()), Duration.ofSeconds(10));
                assertEquals("type the password", asked.at("/data/reason").asText());
                person.send("{\"type\":\"control\",\"action\":\"take\"}");
                person.await(m -> "control".equals(m.path("name").asText()) && !m.at("/data/holder").isNull(), Duration.ofSeconds(10));
                person.send("{\"id\":\"p1\",\"type\":\"cmd\",\"method\":\"type\",\"params\":{\"selector\":\"input\",\"text\":\"s3cret\"}}");
                assertTrue(person.result("p1").path("ok").asBoolean(), "the person's commands run while the handoff waits");
                assertEquals("control_held", errorCode(other.callTool(call("state", Map.of("sessionId", shared)))));
                assertFalse(handoff.isDone(), "the handoff still waits");
                person.send("{\"type\":\"control\",\"action\":\"release\"}");

                JsonNode back = json(handoff.get(30, TimeUnit.SECONDS));
                assertTrue(back.path("handedBack").asBoolean(), back.toString());
                assertEquals("alice", back.path("by").asText());
                assertEquals(link.group(1), back.path("takeoverUrl").asText());
            }
            assertEquals("pw:s3cret", json(ok(agent, "state", Map.of("sessionId", shared))).path("title").asText(),
                    "the agent continues where the person left off");
        }
    }

    @Test
    void toolErrorsCarryOurCodes() {
        try (McpSyncClient agent = client(TestEnvironment.ALICE_KEY)) {
            assertEquals("invalid_params", errorCode(agent.callTool(call("click", Map.of("sessionId", shared, "ref", "e1", "bogus", 1)))));
            assertEquals("invalid_params", errorCode(agent.callTool(call("click", Map.of("ref", "e1")))));
            assertEquals("invalid_field", errorCode(agent.callTool(call("session_create", Map.of("ttlSeconds", -1)))));
            assertEquals("session_not_found", errorCode(agent.callTool(call("state", Map.of("sessionId", "s-nope")))));
            assertEquals("url_blocked", errorCode(agent.callTool(call("navigate", Map.of("sessionId", shared, "url", "file:///etc/passwd")))));
            assertThrows(RuntimeException.class, () -> agent.callTool(call("no_such_tool", Map.of())));
        }
    }

    @Test
    void aWrongKeyIs401BeforeAnyMcpMessage() {
        ApiClient raw = new ApiClient(plane.publicUrl(), "wrong-key");
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        ApiClient.Response r = raw.send("POST", "/mcp", init, Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream"));
        assertEquals(401, r.status());
        assertEquals("unauthorized", r.errorCode());
        assertEquals(401, new ApiClient(plane.publicUrl(), null).send("POST", "/mcp", init, Map.of()).status());
        McpSyncClient client = client(TestEnvironment.ALICE_KEY.replace('a', 'b'), false);
        assertThrows(RuntimeException.class, client::initialize);
        client.close();

        ApiClient alice = new ApiClient(plane.publicUrl(), TestEnvironment.ALICE_KEY);
        assertEquals(405, alice.send("GET", "/mcp", null, Map.of("Accept", "text/event-stream")).status());
        assertEquals(403, alice.send("POST", "/mcp", init, Map.of("Origin", "https://evil.example")).status());
        ApiClient.Response ok = alice.send("POST", "/mcp", init, Map.of("Content-Type", "application/json"));
        assertEquals(200, ok.status());
        assertEquals("2025-06-18", ok.body().at("/result/protocolVersion").asText());
        assertEquals(400, alice.send("POST", "/mcp", "[" + init + "]", Map.of()).status());
    }

    private static McpSyncClient client(String key) {
        return client(key, true);
    }

    private static McpSyncClient client(String key, boolean initialize) {
        McpSyncClient c = McpClient.sync(transport(key)).requestTimeout(Duration.ofSeconds(60)).build();
        if (initialize) {
            c.initialize();
        }
        return c;
    }

    private static HttpClientStreamableHttpTransport transport(String key) {
        return HttpClientStreamableHttpTransport.builder(plane.publicUrl().toString()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key)).build();
    }

    private static String created(McpSyncClient agent) throws Exception {
        JsonNode session = json(ok(agent, "session_create", Map.of("viewport", Map.of("w", 800, "h", 600),
                "ttlSeconds", 600, "idleTimeoutSeconds", 300)));
        assertEquals("ready", session.path("status").asText());
        assertFalse(session.has("token"), "the agent works through tools; the token stays out of its context");
        assertNotNull(session.path("viewerUrl").asText(null));
        return session.path("id").asText();
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return new McpSchema.CallToolRequest(tool, args);
    }

    private static McpSchema.CallToolResult ok(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(call(tool, args));
        assertNotEquals(Boolean.TRUE, r.isError(), tool + " failed: " + r);
        return r;
    }

    private static String errorCode(McpSchema.CallToolResult r) {
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        return json(r).path("error").path("code").asText();
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    private static JsonNode json(McpSchema.CallToolResult r) {
        try {
            return JSON.readTree(text(r).startsWith("{") ? text(r) : JSON.writeValueAsString(r.structuredContent()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String page(String name) {
        return pages.url("/" + name);
    }
}
