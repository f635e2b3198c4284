package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.protocol.token.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over its rate a connection is told so (a command by its id), and a flooding one is closed with 1008. */
class RateRefusalsTest {
    private static final String COMMAND = "{\"type\":\"cmd\",\"id\":\"c9\",\"method\":\"state\"}";
    private static final String PING = "{\"type\":\"ping\",\"t\":1}";

    /** One message a second, a burst of two: the budget does not refill noticeably while a test runs. */
    private final Clients clients = new Clients(new BrowserdConfig.Limits(16, 64 * 1024, 1, 2, 64));
    private final RateRefusals rate = new RateRefusals(1);
    private final EmbeddedConnection c = EmbeddedConnection.join(clients, Role.CONTROLLER, "flooder");

    @AfterEach
    void close() {
        c.close();
    }

    @Test
    void aCommandOverTheRateIsARateLimitedResultAndOtherMessagesAnErrorEvent() {
        assertTrue(rate.admit(c.client, PING));
        assertTrue(rate.admit(c.client, PING));
        assertTrue(c.texts().isEmpty(), "admitted messages are not answered here");

        assertFalse(rate.admit(c.client, COMMAND));
        assertFalse(rate.admit(c.client, PING));
        JsonNode result = c.texts().get(0);
        assertEquals("c9", result.path("id").asText());
        assertEquals("rate_limited", result.at("/error/code").asText());
        assertEquals("over 1 messages per second", result.at("/error/message").asText());
        assertEquals("rate_limited", c.texts("error").get(0).at("/data/code").asText());
        assertNull(c.closeCode());
    }

    @Test
    void overFiveHundredRefusalsInTenSecondsCloseTheConnection() {
        rate.admit(c.client, PING);
        rate.admit(c.client, PING);
        for (int i = 0; i < RateRefusals.MAX_REFUSALS; i++) {
            assertFalse(rate.admit(c.client, PING));
        }
        assertNull(c.closeCode(), "500 refusals are answered");
        assertEquals(RateRefusals.MAX_REFUSALS, c.texts("error").size());

        assertFalse(rate.admit(c.client, PING));
        assertEquals(1008, c.closeCode());
        assertEquals("rate_limited", c.closeReason());
        assertEquals(RateRefusals.MAX_REFUSALS, c.texts("error").size(), "the closing refusal is not answered");
    }
}
