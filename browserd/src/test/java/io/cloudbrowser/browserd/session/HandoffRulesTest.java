package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.token.Role;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handoffs with the lease, without a browser: who ends one, who hears what, and what is refused. */
class HandoffRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clients clients = new Clients(BrowserdConfig.Limits.DEFAULT);
    private final Activity activity = new Activity();
    private final Handoffs handoffs = new Handoffs(clients, activity);
    private final ControlLease lease = new ControlLease(clients, handoffs::released);
    private final EmbeddedConnection agent = EmbeddedConnection.join(clients, Role.CONTROLLER, "agent");
    private final EmbeddedConnection human = EmbeddedConnection.join(clients, Role.CONTROLLER, "human");
    private final EmbeddedConnection watcher = EmbeddedConnection.join(clients, Role.VIEWER, "watcher");

    @AfterEach
    void close() {
        List.of(agent, human, watcher).forEach(EmbeddedConnection::close);
    }

    @Test
    void everyoneHearsTheRequestAndTheAnswerComesAfterAPersonTookAndReleasedControl() {
        ask("c1", "solve the captcha");
        for (EmbeddedConnection c : List.of(agent, human, watcher)) {
            JsonNode req = c.texts("handoff_requested").get(0).path("data");
            assertEquals("solve the captcha", req.path("reason").asText());
            assertEquals("agent", req.path("by").asText());
            assertEquals(agent.client.id(), req.path("connectionId").asText());
        }
        assertTrue(activity.lastActivityAt() >= System.currentTimeMillis() - 5, "a pending handoff is activity");

        lease.request(human.client, true);
        assertEquals(ErrorCode.CONTROL_HELD, lease.refusal(agent.client), "the agent is paused meanwhile");
        assertTrue(agent.texts("result").isEmpty(), "taking control alone does not answer");
        lease.request(human.client, false);

        JsonNode result = agent.texts("result").get(0);
        assertEquals("c1", result.path("id").asText());
        assertTrue(result.at("/result/handedBack").asBoolean(), result.toString());
        assertEquals("human", result.at("/result/by").asText());
        assertEquals("handed_back", watcher.texts("handoff_ended").get(0).at("/data/outcome").asText());
        assertTrue(human.texts("result").isEmpty(), "only the agent gets the answer");
    }

    @Test
    void theAgentReleasingItsOwnLeaseHandsNothingBack() {
        lease.request(agent.client, true);
        ask("c1", "log in");
        assertNull(lease.refusal(human.client), "asking for a person gives the lease up");
        lease.request(agent.client, true);
        lease.request(agent.client, false);
        assertTrue(agent.texts("result").isEmpty(), agent.texts().toString());
    }

    @Test
    void aPersonWhoAlreadyHeldControlHandsBackOnRelease() {
        lease.request(human.client, true);
        ask("c1", "tell me when done");
        lease.request(human.client, false);
        assertEquals("human", agent.texts("result").get(0).at("/result/by").asText());
    }

    @Test
    void aPersonLeavingWhileHoldingControlHandsBackAndAnAgentLeavingCancels() {
        ask("c1", "first");
        lease.request(human.client, true);
        lease.left(human.client);
        assertEquals("human", agent.texts("result").get(0).at("/result/by").asText());

        ask("c2", "second");
        handoffs.left(agent.client);
        assertEquals("cancelled", watcher.texts("handoff_ended").get(1).at("/data/outcome").asText());
        assertEquals(1, agent.texts("result").size(), "no answer to a connection that left");
    }

    @Test
    void aConnectionThatJoinsLaterIsToldWhatWaits() {
        ask("c1", "approve the payment");
        try (EmbeddedConnection late = EmbeddedConnection.join(clients, Role.CONTROLLER, "late")) {
            handoffs.tell(late.client);
            assertEquals("approve the payment", late.texts("handoff_requested").get(0).at("/data/reason").asText());
        }
    }

    @Test
    void badParamsAreInvalidAndAnswerAtOnce() {
        for (ObjectNode params : List.of(JSON.createObjectNode(), JSON.createObjectNode().put("reason", " "),
                JSON.createObjectNode().put("reason", "x".repeat(Handoffs.MAX_REASON + 1)),
                JSON.createObjectNode().put("reason", "ok").put("timeoutMs", 0),
                JSON.createObjectNode().put("reason", "ok").put("timeoutMs", "soon"))) {
            handoffs.request(agent.client, new Inbound.Command("bad", "handoff", params), lease);
        }
        List<JsonNode> results = agent.texts("result");
        assertEquals(5, results.size());
        results.forEach(r -> assertEquals("invalid_params", r.at("/error/code").asText(), r.toString()));
        assertTrue(watcher.texts("handoff_requested").isEmpty());
    }

    private void ask(String id, String reason) {
        handoffs.request(agent.client, new Inbound.Command(id, "handoff",
                JSON.createObjectNode().put("reason", reason).put("timeoutMs", 60_000)), lease);
    }
}
