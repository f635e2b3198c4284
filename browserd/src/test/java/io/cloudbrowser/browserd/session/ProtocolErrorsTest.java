package io.cloudbrowser.browserd.session;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.BrowserdEnv;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.RawHttp;
import io.cloudbrowser.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PROTOCOL.md section 5, the rows about messages: bad input is answered with a named code and never kills the
 * socket, except the two limits that must (size: 1009, sustained flooding: 1008). This daemon runs with a low
 * message rate (20/s, burst 20: each connection has its own budget) and at most 3 connections.
 */
class ProtocolErrorsTest {
    private static final int MAX_CONNECTIONS = 3;
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension.withoutPages()
            .env(BrowserdEnv.MESSAGES_PER_SECOND, "20").env(BrowserdEnv.MESSAGE_BURST, "20")
            .env(BrowserdEnv.MAX_CONNECTIONS, String.valueOf(MAX_CONNECTIONS))
            .daemon(TestDaemon::start);

    /** Connections of the previous test go away asynchronously; the connection limit counts them until then. */
    @BeforeEach
    void noClientsLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> browserd.health().path("clients").asInt() == 0);
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("not JSON", "hello"),
                Arguments.of("truncated JSON", "{\"type\":\"ping\""),
                Arguments.of("an array", "[1,2,3]"),
                Arguments.of("a number", "42"),
                Arguments.of("a string", "\"ping\""),
                Arguments.of("no type", "{\"t\":1}"),
                Arguments.of("unknown type", "{\"type\":\"launchMissiles\"}"),
                Arguments.of("cmd without id", "{\"type\":\"cmd\",\"method\":\"state\"}"),
                Arguments.of("cmd with an empty id", "{\"type\":\"cmd\",\"id\":\"\",\"method\":\"state\"}"),
                Arguments.of("cmd without method", "{\"type\":\"cmd\",\"id\":\"c1\"}"),
                Arguments.of("cmd with params not an object", "{\"type\":\"cmd\",\"id\":\"c1\",\"method\":\"state\",\"params\":[]}"),
                Arguments.of("input with an unknown device", "{\"type\":\"input\",\"device\":\"pen\",\"action\":\"down\"}"),
                Arguments.of("control with an unknown action", "{\"type\":\"control\",\"action\":\"steal\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void aBadMessageIsAnErrorEventAndTheSocketStays(String name, String text) {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            c.send(text);
            JsonNode error = c.event("error");
            assertEquals("bad_message", error.at("/data/code").asText(), name);
            assertFalse(error.at("/data/message").asText().isEmpty(), "the error says what is wrong");
            assertStillOpen(c);
        }
    }

    @Test
    void aBinaryMessageIsBadMessage() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals("bad_message", c.event("error").at("/data/code").asText());
            assertStillOpen(c);
        }
    }

    @Test
    void anUnknownMethodIsAResult() {
        try (WsClient c = browserd.controller()) {
            JsonNode r = c.call("launchMissiles", obj());
            assertFalse(r.path("ok").asBoolean());
            assertEquals("unknown_method", r.at("/error/code").asText());
        }
    }

    static Stream<Arguments> badParams() {
        return Stream.of(
                Arguments.of("navigate", "{}", "params.url"),
                Arguments.of("navigate", "{\"url\":42}", "params.url"),
                Arguments.of("navigate", "{\"url\":\"about:blank\",\"waitUntil\":\"soon\"}", "params.waitUntil"),
                Arguments.of("click", "{}", "params.selector"),
                Arguments.of("click", "{\"selector\":\"body\",\"timeoutMs\":\"fast\"}", "params.timeoutMs"),
                Arguments.of("type", "{\"selector\":\"body\"}", "params.text"),
                Arguments.of("press", "{}", "params.key"),
                Arguments.of("waitForSelector", "{\"selector\":\"body\",\"state\":\"gone\"}", "params.state"),
                Arguments.of("setViewport", "{\"width\":5,\"height\":600}", "params.width"),
                Arguments.of("setViewport", "{\"width\":800}", "params.height"),
                Arguments.of("screenshot", "{\"format\":\"gif\"}", "params.format"),
                Arguments.of("screenshot", "{\"format\":\"jpeg\",\"quality\":101}", "params.quality"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badParams")
    void missingOrWrongParamsAreInvalidParamsNamingTheField(String method, String params, String field) throws Exception {
        try (WsClient c = browserd.controller()) {
            JsonNode r = c.call(method, (ObjectNode) WsClient.JSON.readTree(params));
            assertEquals("invalid_params", r.at("/error/code").asText(), r.toString());
            assertTrue(r.at("/error/message").asText().contains(field), r.toString());
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesWith1009() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            String big = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
            try {
                c.send(big);
            } catch (CompletionException e) {
                // the server may close before the client finished writing
            }
            assertEquals(1009, c.closeCode().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }

    @Test
    void aMessageJustUnderTheLimitIsFine() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            c.send("{\"type\":\"ping\",\"t\":5,\"pad\":\"" + "x".repeat(60 * 1024) + "\"}");
            c.await(m -> "pong".equals(m.path("type").asText()) && m.path("t").asLong() == 5, Duration.ofSeconds(10));
        }
    }

    @Test
    void tooManyMessagesAreRateLimited() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            for (int i = 0; i < 100; i++) {
                c.send(obj().put("type", "ping").put("t", i));
            }
            c.await(m -> isError(m, "rate_limited"), Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> count(c, m -> isError(m, "rate_limited") || isPong(m)) == 100);
            assertTrue(count(c, ProtocolErrorsTest::isPong) >= 20, "the burst gets through");
            // the budget refills: at the allowed rate the connection works again
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> c.call("state", obj()).path("ok").asBoolean());
            assertFalse(c.closeCode().isDone());
        }
    }

    @Test
    void aRefusedCommandIsAnsweredAsItsResult() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(c.command("state", obj()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(c, m -> "result".equals(m.path("type").asText())) == ids.size());
            assertTrue(c.messages().stream().anyMatch(m -> "rate_limited".equals(m.at("/error/code").asText())
                    && m.at("/error/message").asText().contains("messages per second")), "rate_limited results with their ids");
        }
    }

    /**
     * Paced so that the server has read everything when it decides to close: each message waits for its answer
     * (pong or refusal) before the next, after an unpaced first batch that uses up the burst.
     */
    @Test
    void sustainedAbuseClosesWith1008() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            int sent = 0;
            for (; sent < 450; sent++) {
                c.send(obj().put("type", "ping").put("t", sent));
            }
            while (sent < 2000 && !c.closeCode().isDone()) {
                int expected = ++sent;
                c.send(obj().put("type", "ping").put("t", expected));
                await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> answers(c) >= expected || c.closeCode().isDone());
            }
            assertEquals(1008, c.closeCode().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(count(c, m -> isError(m, "rate_limited")) >= 500, "every refusal was answered before the close");
        }
    }

    @Test
    void sustainedAbuseClosesWith1008EvenWhileTheClientKeepsSending() {
        try (WsClient c = browserd.controller()) {
            c.event("ready");
            for (int i = 0; i < 2000 && !c.closeCode().isDone(); i++) {
                try {
                    c.send(obj().put("type", "ping").put("t", i));
                } catch (CompletionException | IllegalStateException e) {
                    break; // the server closed the socket under us
                }
            }
            assertEquals(1008, c.closeCode().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theConnectionBeyondTheLimitIs503(boolean viewer) {
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                open.add(viewer ? browserd.viewer() : browserd.controller());
                open.get(i).event("ready");
            }
            String token = browserd.token(viewer ? Role.VIEWER : Role.CONTROLLER);
            RawHttp.Response r = RawHttp.upgrade(browserd.port(), "/ws", Map.of("Authorization", "Bearer " + token));
            assertEquals(503, r.status());
            assertEquals("too_many_connections", r.errorCode());
            assertEquals(503, WsClient.refusedStatus(browserd.wsUrl(), Map.of("Authorization", "Bearer " + token)));

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> browserd.health().path("clients").asInt() < MAX_CONNECTIONS);
            open.add(browserd.controller());
            open.get(open.size() - 1).event("ready");
        } finally {
            open.forEach(WsClient::close);
        }
    }

    private static void assertStillOpen(WsClient c) {
        long t = System.nanoTime();
        c.send(obj().put("type", "ping").put("t", t));
        c.await(m -> "pong".equals(m.path("type").asText()) && m.path("t").asLong() == t, Duration.ofSeconds(10));
        assertFalse(c.closeCode().isDone(), "the socket stays open");
    }

    private static long answers(WsClient c) {
        return count(c, m -> isPong(m) || isError(m, "rate_limited"));
    }

    private static boolean isPong(JsonNode m) {
        return "pong".equals(m.path("type").asText());
    }

    private static boolean isError(JsonNode m, String code) {
        return "event".equals(m.path("type").asText()) && "error".equals(m.path("name").asText())
                && code.equals(m.at("/data/code").asText());
    }

    private static long count(WsClient c, Predicate<JsonNode> p) {
        return c.messages().stream().filter(p).count();
    }
}
