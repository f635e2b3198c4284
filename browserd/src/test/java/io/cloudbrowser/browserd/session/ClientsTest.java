package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.screencast.Frame;
import io.cloudbrowser.protocol.token.Role;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The connection set: its limit, closing by token, and dropped frames that outlive the connection that dropped them. */
class ClientsTest {
    private final Clients clients = new Clients(new BrowserdConfig.Limits(2, 64 * 1024, 200, 400, 64));

    @Test
    void fullAtTheConnectionLimitAndNotAfterOneLeaves() {
        try (EmbeddedConnection a = EmbeddedConnection.join(clients, Role.CONTROLLER, "a");
             EmbeddedConnection b = EmbeddedConnection.join(clients, Role.VIEWER, "b")) {
            assertTrue(clients.isFull());
            assertTrue(clients.remove(a.client));
            assertFalse(clients.remove(a.client), "a second remove is a no-op");
            assertFalse(clients.isFull());
            assertEquals(1, clients.count());
        }
    }

    @Test
    void closingByTokenClosesOnlyThatTokensConnections() {
        try (EmbeddedConnection a = EmbeddedConnection.join(clients, Role.CONTROLLER, "a", "jti-shared");
             EmbeddedConnection b = EmbeddedConnection.join(clients, Role.VIEWER, "b", "jti-other")) {
            clients.closeThoseOfToken("jti-shared", 1008, "token_revoked");
            assertEquals(1008, a.closeCode());
            assertEquals("token_revoked", a.closeReason());
            assertNull(b.closeCode());
        }
    }

    @Test
    void framesASlowConnectionDroppedStillCountAfterItLeaves() {
        try (EmbeddedConnection slow = EmbeddedConnection.join(clients, Role.VIEWER, "slow")) {
            slow.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            String jpeg = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
            for (int seq = 1; seq <= 3; seq++) {
                slow.client.offer(new Frame(seq, jpeg, 1280, 720, 1.0, seq));
            }
            assertEquals(2, clients.framesDropped(), "two replaced in the keep-latest slot");
            clients.remove(slow.client);
            assertEquals(2, clients.framesDropped());
            assertEquals(0, clients.count());
        }
    }
}
