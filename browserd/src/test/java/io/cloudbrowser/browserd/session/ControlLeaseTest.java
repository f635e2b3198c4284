package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.testing.TestDaemon;
import io.cloudbrowser.testing.BrowserdExtension;
import io.cloudbrowser.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.cloudbrowser.testing.WsClient.obj;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person takes over from an agent and hands control back; viewers only watch. */
class ControlLeaseTest {
    @RegisterExtension
    static final BrowserdExtension<TestDaemon> browserd = BrowserdExtension
            .withPages(pages -> pages.page("/p", "<body><button id=b onclick=\"document.title='clicked'\">b</button></body>")
                    .page("/login", "<body><input id=pw autofocus oninput=\"document.title='pw:'+this.value\"></body>"))
            .daemon(TestDaemon::start);

    @Test
    void takeoverBlocksTheAgentUntilHandedBack() {
        try (WsClient agent = browserd.controller(); WsClient human = browserd.controller(); WsClient watcher = browserd.viewer()) {
            String humanId = human.event("ready").at("/data/connectionId").asText();
            assertTrue(agent.call("navigate", obj().put("url", browserd.url("/p"))).path("ok").asBoolean());

            human.send(obj().put("type", "control").put("action", "take"));
            for (WsClient c : new WsClient[] {agent, human, watcher}) {
                c.await(m -> isControl(m, humanId), Duration.ofSeconds(10));
            }
            JsonNode held = agent.call("click", obj().put("selector", "#b"));
            assertEquals("control_held", held.at("/error/code").asText());
            agent.send(obj().put("type", "input").put("device", "mouse").put("action", "move").put("x", 1).put("y", 1));
            agent.await(ControlLeaseTest::isControlHeldEvent, Duration.ofSeconds(10));
            agent.send(obj().put("type", "control").put("action", "take"));
            await().atMost(Duration.ofSeconds(10)).until(() -> count(agent, ControlLeaseTest::isControlHeldEvent) == 2);

            assertTrue(human.call("click", obj().put("selector", "#b")).path("ok").asBoolean(), "the holder drives");
            assertEquals("clicked", human.call("state", null).at("/result/title").asText());

            human.send(obj().put("type", "control").put("action", "release"));
            await().atMost(Duration.ofSeconds(10)).until(() -> count(agent, m -> isControl(m, null)) == 2);
            assertTrue(agent.call("state", null).path("ok").asBoolean(), "the agent continues after hand-back");
        }
    }

    @Test
    void aHandoffWaitsForAPersonWithoutBlockingThemAndAnswersAfterHandBack() {
        try (WsClient agent = browserd.controller("agent"); WsClient human = browserd.controller("human")) {
            String humanId = human.event("ready").at("/data/connectionId").asText();
            assertTrue(agent.call("navigate", obj().put("url", browserd.url("/login"))).path("ok").asBoolean());
            String handoff = agent.command("handoff", obj().put("reason", "type the password").put("timeoutMs", 60_000));
            JsonNode asked = human.event("handoff_requested").path("data");
            assertEquals("type the password", asked.path("reason").asText());
            assertEquals("agent", asked.path("by").asText(), asked.toString());

            human.send(obj().put("type", "control").put("action", "take"));
            agent.await(m -> isControl(m, humanId), Duration.ofSeconds(10));
            for (String key : new String[] {"s", "3"}) { // the person types: input, not a queued command
                human.send(obj().put("type", "input").put("device", "key").put("action", "down").put("key", key).put("text", key));
                human.send(obj().put("type", "input").put("device", "key").put("action", "up").put("key", key));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "pw:s3".equals(human.call("state", null).at("/result/title").asText()));
            assertEquals("control_held", agent.call("state", null).at("/error/code").asText(), "the agent is paused");
            assertTrue(agent.messages().stream().noneMatch(m -> handoff.equals(m.path("id").asText())), "still waiting");

            human.send(obj().put("type", "control").put("action", "release"));
            JsonNode back = agent.result(handoff);
            assertTrue(back.at("/result/handedBack").asBoolean(), back.toString());
            assertEquals("human", back.at("/result/by").asText());
            assertEquals("pw:s3", agent.call("state", null).at("/result/title").asText(), "the agent continues");
        }
    }

    @Test
    void aHandoffNoOneAnswersTimesOut() {
        try (WsClient agent = browserd.controller(); WsClient watcher = browserd.viewer()) {
            JsonNode r = agent.call("handoff", obj().put("reason", "anyone?").put("timeoutMs", 300));
            assertEquals("timeout", r.at("/error/code").asText(), r.toString());
            assertEquals("timeout", watcher.event("handoff_ended").at("/data/outcome").asText());
            assertEquals("forbidden", watcher.call("handoff", obj().put("reason", "x")).at("/error/code").asText());
        }
    }

    @Test
    void theLeaseIsReleasedWhenTheHolderDisconnects() {
        try (WsClient agent = browserd.controller()) {
            WsClient human = browserd.controller();
            String humanId = human.event("ready").at("/data/connectionId").asText();
            human.send(obj().put("type", "control").put("action", "take"));
            agent.await(m -> isControl(m, humanId), Duration.ofSeconds(10));
            human.abort();
            await().atMost(Duration.ofSeconds(10)).until(() -> count(agent, m -> isControl(m, null)) == 2);
            assertTrue(agent.call("state", null).path("ok").asBoolean());
        }
    }

    @Test
    void aViewerGetsFramesButCannotDrive() {
        try (WsClient viewer = browserd.viewer(); WsClient driver = browserd.controller()) {
            assertEquals("viewer", viewer.event("ready").at("/data/role").asText());
            driver.call("navigate", obj().put("url", browserd.url("/p")));
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.frameCount() > 0);
            assertEquals("forbidden", viewer.call("state", null).at("/error/code").asText());
            viewer.send(obj().put("type", "input").put("device", "key").put("action", "down").put("key", "a"));
            viewer.send(obj().put("type", "control").put("action", "take"));
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.messages().stream()
                    .filter(m -> "error".equals(m.path("name").asText()) && "forbidden".equals(m.at("/data/code").asText()))
                    .count() == 2);
            viewer.send(obj().put("type", "ping").put("t", 42));
            viewer.await(m -> "pong".equals(m.path("type").asText()) && m.path("t").asLong() == 42, Duration.ofSeconds(5));
        }
    }

    private static boolean isControlHeldEvent(JsonNode m) {
        return "error".equals(m.path("name").asText()) && "control_held".equals(m.at("/data/code").asText());
    }

    private static long count(WsClient c, java.util.function.Predicate<JsonNode> p) {
        return c.messages().stream().filter(p).count();
    }

    private static boolean isControl(JsonNode m, String holder) {
        if (!"control".equals(m.path("name").asText())) {
            return false;
        }
        JsonNode h = m.at("/data/holder");
        return holder == null ? h.isNull() : holder.equals(h.asText());
    }
}
