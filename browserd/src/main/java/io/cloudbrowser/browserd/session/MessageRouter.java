package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.protocol.InboundParser;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.protocol.ErrorCode;

/**
 * Takes one connection's messages to where they are handled. Refusals decided here (over the rate, no lease,
 * unparseable) are answered at once; commands go to the browser's queue, input straight to the raw CDP
 * connection, so it never waits behind a command. Runs on the Netty event loop and never calls Playwright.
 */
final class MessageRouter {
    private final RateRefusals rate;
    private final ControlLease lease;
    private final CommandDispatcher commands;
    private final BrowserHost host;
    private final StreamTuner tuner;
    private final FrameFanOut frames;
    private final Activity activity;
    private final Handoffs handoffs;

    MessageRouter(RateRefusals rate, ControlLease lease, CommandDispatcher commands, BrowserHost host,
                  StreamTuner tuner, FrameFanOut frames, Activity activity, Handoffs handoffs) {
        this.handoffs = handoffs;
        this.rate = rate;
        this.lease = lease;
        this.commands = commands;
        this.host = host;
        this.tuner = tuner;
        this.frames = frames;
        this.activity = activity;
    }

    void onText(Client c, String text) {
        if (!rate.admit(c, text)) {
            return;
        }
        Inbound msg;
        try {
            msg = InboundParser.parse(text);
        } catch (ProtocolException e) {
            c.sink().send(Outbound.errorEvent(e.code(), e.getMessage()));
            return;
        }
        if (msg instanceof Inbound.Command cmd) {
            command(c, cmd);
        } else if (msg instanceof Inbound.Mouse || msg instanceof Inbound.Key) {
            input(c, msg);
        } else if (msg instanceof Inbound.Ping ping) {
            c.sink().send(Outbound.pong(ping.t()));
        } else if (msg instanceof Inbound.Control control) {
            lease.request(c, control.take());
        } else if (msg instanceof Inbound.Stream s) {
            tuner.change(c, s);
            frames.offerLast(c);
        }
    }

    /** The protocol has no binary client messages. */
    void onBinary(Client c) {
        c.sink().send(Outbound.errorEvent(ErrorCode.BAD_MESSAGE, "binary messages are not accepted"));
    }

    private void command(Client c, Inbound.Command cmd) {
        ErrorCode refusal = lease.refusal(c);
        if (cmd.method().equals("handoff") && refusal != ErrorCode.FORBIDDEN) {
            handoffs.request(c, cmd, lease); // also while a person holds control: it waits for their release
            return;
        }
        if (refusal != null) {
            c.sink().send(Outbound.error(cmd.id(), refusal, ControlLease.explain(refusal)));
            return;
        }
        commands.dispatch(c, cmd);
    }

    private void input(Client c, Inbound msg) {
        ErrorCode refusal = lease.refusal(c);
        if (refusal != null) {
            c.sink().send(Outbound.errorEvent(refusal, ControlLease.explain(refusal)));
            return;
        }
        activity.touch();
        if (msg instanceof Inbound.Mouse m) {
            host.mouse(m);
        } else {
            host.key((Inbound.Key) msg);
        }
    }
}
