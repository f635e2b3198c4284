package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.protocol.InboundParser;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.screencast.Frame;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.token.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The one session this daemon serves: its clients, the control lease, the ordered command queue and the
 * fan-out of frames and events. Called from Netty threads (messages), the CDP thread (frames) and the browser
 * thread (results); it never blocks any of them.
 */
public final class Session implements BrowserHost.Listener {
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_GOING_AWAY = 1001;
    private static final int MAX_REFUSALS = 500;

    private final BrowserdConfig.Limits limits;
    private final Activity activity;
    private final Consumer<String> fatal;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Client> holder = new AtomicReference<>();
    private final AtomicReference<String> sessionId;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile BrowserHost host;
    private volatile Screencast screencast;
    private volatile boolean closing;
    private volatile Frame lastFrame;
    private final LongAdder droppedByGone = new LongAdder();

    /**
     * @param fatal called once when the browser cannot be recovered, with the reason; the owner shuts down
     */
    public Session(BrowserdConfig config, Activity activity, Consumer<String> fatal) {
        this.limits = config.limits();
        this.activity = activity;
        this.fatal = fatal;
        this.sessionId = new AtomicReference<>(config.sessionId());
    }

    public void bind(BrowserHost browserHost, Screencast cast) {
        this.host = browserHost;
        this.screencast = cast;
    }

    public String sessionId() {
        return sessionId.get();
    }

    /** Binds a pool-mode daemon to a session; false if it already serves one. */
    public boolean claim(String id) {
        boolean claimed = sessionId.compareAndSet(null, id);
        if (claimed) {
            activity.touch();
        }
        return claimed;
    }

    public int clientCount() {
        return clients.size();
    }

    /** The largest unsent backlog of any client: bounded by the write buffer's high water mark plus one frame. */
    public long maxBacklogBytes() {
        long max = 0;
        for (Client c : clients.values()) {
            max = Math.max(max, c.sink().backlogBytes());
        }
        return max;
    }

    /** Frames that slow clients never got because a newer one replaced them, since the daemon started. */
    public long framesDropped() {
        long sum = droppedByGone.sum();
        for (Client c : clients.values()) {
            sum += c.sink().framesDropped();
        }
        return sum;
    }

    public boolean isFull() {
        return clients.size() >= limits.maxConnections();
    }

    /** A new authenticated connection: sends {@code ready} and the control state. */
    public Client connect(Principal principal, ClientSink sink) {
        Viewport v = host.viewport();
        Client c = new Client("c" + ids.incrementAndGet(), principal, sink,
                StreamPrefs.defaults(v.pixelWidth(), v.pixelHeight()),
                limits.messagesPerSecond(), limits.messageBurst());
        clients.put(c.id(), c);
        activity.touch();
        sink.send(ready(c));
        sink.send(Outbound.event("control", controlState()));
        offerLastFrame(c);
        return c;
    }

    public void disconnect(Client c) {
        if (clients.remove(c.id()) == null) {
            return;
        }
        activity.touch();
        droppedByGone.add(c.sink().framesDropped());
        if (holder.compareAndSet(c, null)) {
            broadcast(Outbound.event("control", controlState()));
        }
        retuneScreencast();
    }

    /** Handles one text message from a client. */
    public void onText(Client c, String text) {
        if (!c.admit()) {
            refuse(c, text);
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
            control(c, control.take());
        } else if (msg instanceof Inbound.Stream s) {
            c.prefs(c.prefs().with(s));
            retuneScreencast();
            offerLastFrame(c);
        }
    }

    /** A binary message from a client: the protocol has none. */
    public void onBinary(Client c) {
        c.sink().send(Outbound.errorEvent(ErrorCode.BAD_MESSAGE, "binary messages are not accepted"));
    }

    private void refuse(Client c, String text) {
        int refused = c.refused();
        if (refused > MAX_REFUSALS) {
            c.sink().close(CLOSE_POLICY, "rate_limited");
            return;
        }
        String id = InboundParser.commandId(text);
        String message = "over " + limits.messagesPerSecond() + " messages per second";
        c.sink().send(id != null ? Outbound.error(id, ErrorCode.RATE_LIMITED, message)
                : Outbound.errorEvent(ErrorCode.RATE_LIMITED, message));
    }

    private void command(Client c, Inbound.Command cmd) {
        ErrorCode refusal = refusal(c);
        if (refusal != null) {
            c.sink().send(Outbound.error(cmd.id(), refusal, refusalMessage(refusal)));
            return;
        }
        if (queued.incrementAndGet() > limits.maxQueuedCommands()) {
            queued.decrementAndGet();
            c.sink().send(Outbound.error(cmd.id(), ErrorCode.RATE_LIMITED,
                    "more than " + limits.maxQueuedCommands() + " commands queued"));
            return;
        }
        activity.commandStarted();
        host.command(cmd.method(), cmd.params()).whenComplete((result, error) -> {
            queued.decrementAndGet();
            activity.commandFinished();
            c.sink().send(error == null ? Outbound.result(cmd.id(), result) : errorResult(cmd.id(), error));
        });
    }

    private static String errorResult(String id, Throwable error) {
        if (error instanceof ProtocolException p) {
            return Outbound.error(id, p.code(), p.getMessage());
        }
        return Outbound.error(id, ErrorCode.COMMAND_FAILED, String.valueOf(error.getMessage()));
    }

    private void input(Client c, Inbound msg) {
        ErrorCode refusal = refusal(c);
        if (refusal != null) {
            c.sink().send(Outbound.errorEvent(refusal, refusalMessage(refusal)));
            return;
        }
        activity.touch();
        if (msg instanceof Inbound.Mouse m) {
            host.mouse(m);
        } else {
            host.key((Inbound.Key) msg);
        }
    }

    /** Why this client may not drive the browser now, or null if it may. */
    private ErrorCode refusal(Client c) {
        if (!c.isController()) {
            return ErrorCode.FORBIDDEN;
        }
        Client h = holder.get();
        return h != null && h != c ? ErrorCode.CONTROL_HELD : null;
    }

    private static String refusalMessage(ErrorCode code) {
        return code == ErrorCode.FORBIDDEN ? "a viewer token receives frames only"
                : "another connection holds control";
    }

    private void control(Client c, boolean take) {
        if (!c.isController()) {
            c.sink().send(Outbound.errorEvent(ErrorCode.FORBIDDEN, refusalMessage(ErrorCode.FORBIDDEN)));
            return;
        }
        boolean changed = take ? holder.compareAndSet(null, c) : holder.compareAndSet(c, null);
        if (changed) {
            broadcast(Outbound.event("control", controlState()));
        } else if (take && holder.get() != c) {
            c.sink().send(Outbound.errorEvent(ErrorCode.CONTROL_HELD, refusalMessage(ErrorCode.CONTROL_HELD)));
        } else {
            c.sink().send(Outbound.event("control", controlState()));
        }
    }

    private ObjectNode controlState() {
        Client h = holder.get();
        ObjectNode n = Outbound.object();
        if (h == null) {
            n.putNull("holder").putNull("sub");
        } else {
            n.put("holder", h.id()).put("sub", h.principal().subject());
        }
        return n;
    }

    private String ready(Client c) {
        Viewport v = host.viewport();
        ObjectNode data = Outbound.object().put("sessionId", sessionId.get()).put("role", c.principal().role().wireName())
                .put("connectionId", c.id()).put("protocol", 1);
        data.putObject("viewport").put("w", v.w()).put("h", v.h()).put("dpr", v.dpr());
        return Outbound.event("ready", data);
    }

    /** The session's one screencast serves the most demanding connection's quality and size. */
    private void retuneScreencast() {
        Screencast cast = screencast;
        if (cast == null) {
            return;
        }
        ScreencastSettings s = null;
        for (Client c : clients.values()) {
            s = s == null ? c.prefs().screencast() : s.max(c.prefs().screencast());
        }
        if (s != null) {
            cast.configure(s);
        }
    }

    /**
     * Chromium sends a frame only when the page changes, so a viewer that joins (or changes its stream settings)
     * while the page is still gets the last frame at once instead of a blank canvas.
     */
    private void offerLastFrame(Client c) {
        Frame f = lastFrame;
        if (f != null) {
            c.offerCurrent(f);
        }
    }

    /** Fans a frame out to every connection's keep-latest slot. */
    public void onFrame(Frame frame) {
        lastFrame = frame;
        for (Client c : clients.values()) {
            c.offer(frame);
        }
    }

    public void broadcast(String json) {
        for (Client c : clients.values()) {
            c.sink().send(json);
        }
    }

    /** Drops every connection authenticated with a revoked token. */
    public void revoke(String tokenId) {
        for (Client c : clients.values()) {
            if (c.principal().tokenId().equals(tokenId)) {
                c.sink().close(CLOSE_POLICY, "token_revoked");
            }
        }
    }

    /** Tells every client why the session ends, then closes their sockets. */
    public void close(String reason) {
        closing = true;
        broadcast(Outbound.event("closing", Outbound.object().put("reason", reason)));
        for (Client c : clients.values()) {
            c.sink().close(CLOSE_GOING_AWAY, reason);
        }
    }

    public boolean isClosing() {
        return closing;
    }

    @Override
    public void onBrowserEvent(String name, JsonNode data) {
        broadcast(Outbound.event(name, data));
    }

    @Override
    public void onCrashed(String message) {
        broadcast(Outbound.errorEvent(ErrorCode.BROWSER_CRASHED, message + "; restarting the browser"));
    }

    @Override
    public void onRecovered() {
        for (Client c : clients.values()) {
            c.sink().send(ready(c));
        }
        retuneScreencast();
    }

    @Override
    public void onUnrecoverable(String message) {
        fatal.accept(message);
    }
}
