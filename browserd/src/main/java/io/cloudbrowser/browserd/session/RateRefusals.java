package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.protocol.InboundParser;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.ErrorCode;

/**
 * Holds each connection to its message rate ({@code BROWSERD_MESSAGES_PER_SECOND} / {@code _BURST}). A message over
 * the rate is answered with {@code rate_limited} (a result, if it was a command with an id, so the caller's wait
 * ends); a connection that keeps flooding (over {@value #MAX_REFUSALS} refusals in ten seconds) is closed with 1008.
 */
final class RateRefusals {
    static final int MAX_REFUSALS = 500;

    private final int messagesPerSecond;

    RateRefusals(int messagesPerSecond) {
        this.messagesPerSecond = messagesPerSecond;
    }

    /** True if the message is within the client's budget; otherwise it has been answered and must be dropped. */
    boolean admit(Client c, String text) {
        if (c.admit()) {
            return true;
        }
        if (c.refused() > MAX_REFUSALS) {
            c.sink().close(BrowserdEndpoints.CLOSE_POLICY, BrowserdEndpoints.REASON_RATE_LIMITED);
            return false;
        }
        String id = InboundParser.commandId(text);
        String message = "over " + messagesPerSecond + " messages per second";
        c.sink().send(id != null ? Outbound.error(id, ErrorCode.RATE_LIMITED, message)
                : Outbound.errorEvent(ErrorCode.RATE_LIMITED, message));
        return false;
    }
}
