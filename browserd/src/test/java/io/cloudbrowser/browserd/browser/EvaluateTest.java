package io.cloudbrowser.browserd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.protocol.BrowserdEnv;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluate} on a daemon started with BROWSERD_ALLOW_EVALUATE=true (it is off by default: CommandsTest). */
class EvaluateTest {
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension.withoutPages()
            .env(BrowserdEnv.ALLOW_EVALUATE, "true")
            .daemon(TestDaemon::start);

    @Test
    void evaluateReturnsTheValue() {
        try (WsClient c = browserd.controller()) {
            JsonNode r = c.call("evaluate", obj().put("expression", "1+2"));
            assertTrue(r.path("ok").asBoolean(), r.toString());
            assertEquals(3, r.at("/result/value").asInt());

            JsonNode structured = c.call("evaluate", obj().put("expression", "({a: [1, 'two'], b: null})"));
            assertEquals("two", structured.at("/result/value/a/1").asText());
            assertTrue(structured.at("/result/value/b").isNull());

            c.call("evaluate", obj().put("expression", "document.title = 'set by evaluate'"));
            assertEquals("set by evaluate", c.call("state", obj()).at("/result/title").asText());
        }
    }

    @Test
    void evaluateErrorsAreAnsweredAndTheSessionGoesOn() {
        try (WsClient c = browserd.controller()) {
            JsonNode missing = c.call("evaluate", obj());
            assertEquals("invalid_params", missing.at("/error/code").asText());
            assertTrue(missing.at("/error/message").asText().contains("params.expression"));

            JsonNode thrown = c.call("evaluate", obj().put("expression", "(() => { throw new Error('boom') })()"));
            assertEquals("command_failed", thrown.at("/error/code").asText(), thrown.toString());
            assertTrue(c.call("state", obj()).path("ok").asBoolean());
        }
    }

    @Test
    void aThrownErrorIsReportedWithItsMessage() {
        try (WsClient c = browserd.controller()) {
            JsonNode thrown = c.call("evaluate", obj().put("expression", "(() => { throw new Error('boom') })()"));
            assertTrue(thrown.at("/error/message").asText().contains("boom"), thrown.toString());
        }
    }
}
