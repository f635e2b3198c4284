package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.token.Role;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease on its own: who may drive, what each side hears when it is taken, refused, released or left. */
class ControlLeaseRulesTest {
    private final Clients clients = new Clients(BrowserdConfig.Limits.DEFAULT);
    private final ControlLease lease = new ControlLease(clients, c -> { });
    private final EmbeddedConnection agent = EmbeddedConnection.join(clients, Role.CONTROLLER, "agent");
    private final EmbeddedConnection human = EmbeddedConnection.join(clients, Role.CONTROLLER, "human");
    private final EmbeddedConnection watcher = EmbeddedConnection.join(clients, Role.VIEWER, "watcher");

    @AfterEach
    void close() {
        List.of(agent, human, watcher).forEach(EmbeddedConnection::close);
    }

    @Test
    void everyControllerDrivesWhileNoOneHoldsTheLeaseAndViewersNever() throws IOException {
        assertNull(lease.refusal(agent.client));
        assertNull(lease.refusal(human.client));
        assertEquals(ErrorCode.FORBIDDEN, lease.refusal(watcher.client));
        assertHolder(lease.stateEvent(), null, null);
    }

    @Test
    void takingIsAnnouncedToEveryoneAndOnlyTheHolderDrives() {
        lease.request(human.client, true);

        for (EmbeddedConnection c : List.of(agent, human, watcher)) {
            assertEquals(1, c.texts("control").size(), c.client.id());
            assertHolder(c.texts("control").get(0), human.client.id(), "human");
        }
        assertNull(lease.refusal(human.client));
        assertEquals(ErrorCode.CONTROL_HELD, lease.refusal(agent.client));
        assertEquals(ErrorCode.FORBIDDEN, lease.refusal(watcher.client));
    }

    @Test
    void takingAHeldLeaseIsControlHeldForTheTakerAlone() {
        lease.request(human.client, true);
        lease.request(agent.client, true);

        assertEquals("control_held", agent.texts("error").get(0).at("/data/code").asText());
        assertTrue(human.texts("error").isEmpty());
        assertEquals(1, human.texts("control").size(), "nothing changed, nothing announced");
    }

    @Test
    void onlyTheHolderReleasesAndOthersHearTheUnchangedState() {
        lease.request(human.client, true);
        lease.request(agent.client, false);
        assertEquals(2, agent.texts("control").size(), "the announcement, then the state for the agent's release");
        assertHolder(agent.texts("control").get(1), human.client.id(), "human");
        assertEquals(1, watcher.texts("control").size());

        lease.request(human.client, false);
        assertHolder(watcher.texts("control").get(1), null, null);
        assertNull(lease.refusal(agent.client));
    }

    @Test
    void takingTwiceAnswersTheHolderWithTheState() {
        lease.request(human.client, true);
        lease.request(human.client, true);
        assertEquals(2, human.texts("control").size());
        assertEquals(1, agent.texts("control").size());
    }

    @Test
    void aViewerAskingIsForbiddenAndChangesNothing() {
        lease.request(watcher.client, true);
        assertEquals("forbidden", watcher.texts("error").get(0).at("/data/code").asText());
        assertTrue(agent.texts().isEmpty());
        assertNull(lease.refusal(agent.client));
    }

    @Test
    void theHolderLeavingFreesTheLeaseForEveryone() {
        lease.request(human.client, true);
        lease.left(agent.client);
        assertEquals(1, watcher.texts("control").size(), "a non-holder leaving announces nothing");

        clients.remove(human.client);
        lease.left(human.client);
        assertHolder(watcher.texts("control").get(1), null, null);
        assertHolder(agent.texts("control").get(1), null, null);
        assertEquals(1, human.texts("control").size(), "the one who left hears nothing more");
        assertNull(lease.refusal(agent.client));
    }

    private static void assertHolder(String event, String holder, String sub) throws IOException {
        assertHolder(new ObjectMapper().readTree(event), holder, sub);
    }

    private static void assertHolder(JsonNode event, String holder, String sub) {
        assertEquals("control", event.path("name").asText());
        assertEquals(holder == null, event.at("/data/holder").isNull(), event.toString());
        assertEquals(sub == null, event.at("/data/sub").isNull(), event.toString());
        if (holder != null) {
            assertEquals(holder, event.at("/data/holder").asText());
            assertEquals(sub, event.at("/data/sub").asText());
        }
    }
}
