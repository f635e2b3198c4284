package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.Principal;

/**
 * The one session this daemon serves, as the server side sees it: connections join and leave, their messages
 * come in, and the session ends. The work is done by the parts: {@link Clients}, {@link ControlLease},
 * {@link MessageRouter} (with {@link RateRefusals}, {@link CommandDispatcher} and {@link Handoffs}), {@link StreamTuner} and
 * {@link FrameFanOut}. Called from Netty threads ({@link #close} from the shutdown thread); it never blocks them
 * and never calls Playwright: commands reach the browser thread through its queue.
 */
public final class Session {
    private final SessionBinding binding;
    private final Clients clients;
    private final ReadyEvent ready;
    private final FrameFanOut frames;
    private final StreamTuner tuner;
    private final ControlLease lease;
    private final Handoffs handoffs;
    private final MessageRouter router;
    private final Activity activity;
    private final BrowserHost host;
    private volatile boolean closing;

    public Session(BrowserdConfig.Limits limits, SessionBinding binding, Clients clients, ReadyEvent ready,
                   FrameFanOut frames, StreamTuner tuner, BrowserHost host, Activity activity) {
        this.binding = binding;
        this.clients = clients;
        this.ready = ready;
        this.frames = frames;
        this.tuner = tuner;
        this.host = host;
        this.activity = activity;
        this.handoffs = new Handoffs(clients, activity);
        this.lease = new ControlLease(clients, handoffs::released);
        this.router = new MessageRouter(new RateRefusals(limits.messagesPerSecond()), lease,
                new CommandDispatcher(host, activity, limits.maxQueuedCommands()), host, tuner, frames, activity, handoffs);
    }

    /** The session tokens must name; null while a pool-mode daemon is unclaimed. */
    public String sessionId() {
        return binding.id();
    }

    public int clientCount() {
        return clients.count();
    }

    public boolean isFull() {
        return clients.isFull();
    }

    /** A new authenticated connection: gets {@code ready}, the control state, then the current picture. */
    public Client connect(Principal principal, ClientSink sink) {
        Viewport v = host.viewport();
        Client c = clients.add(principal, sink, StreamPrefs.defaults(v.pixelWidth(), v.pixelHeight()));
        activity.touch();
        sink.send(ready.message(c));
        sink.send(lease.stateEvent());
        handoffs.tell(c);
        frames.offerLast(c);
        return c;
    }

    public void disconnect(Client c) {
        if (!clients.remove(c)) {
            return;
        }
        activity.touch();
        handoffs.left(c);
        lease.left(c);
        tuner.retune();
    }

    /** One text message from a connection. */
    public void onText(Client c, String text) {
        router.onText(c, text);
    }

    /** A binary message from a connection: the protocol has none. */
    public void onBinary(Client c) {
        router.onBinary(c);
    }

    /** Drops every connection authenticated with a revoked token (1008 {@code token_revoked}). */
    public void revoke(String tokenId) {
        clients.closeThoseOfToken(tokenId, BrowserdEndpoints.CLOSE_POLICY, BrowserdEndpoints.REASON_TOKEN_REVOKED);
    }

    /** Tells every connection why the session ends, then closes their sockets (1001); new ones are refused. */
    public void close(String reason) {
        closing = true;
        clients.broadcast(Outbound.event("closing", Outbound.object().put("reason", reason)));
        clients.closeAll(BrowserdEndpoints.CLOSE_GOING_AWAY, reason);
    }

    public boolean isClosing() {
        return closing;
    }
}
