package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code handoff}: an agent asks for a person. Every connection hears {@code handoff_requested} (and so does one
 * that joins later, a person opening the takeover link); the agent's answer comes when another connection has held
 * the control lease and released it ({@code {handedBack: true, by}}), or {@code timeout}. A handoff never enters the
 * command queue: waiting for a person must not stop the person's own commands, input or frames. Its answer so
 * comes out of queue order. While it waits it counts as a running command, so the idle timeout does not end the
 * session under the person's hands. Called from Netty threads and a timer thread.
 */
final class Handoffs {
    static final int MAX_PENDING = 16;
    static final int DEFAULT_TIMEOUT_MS = 600_000;
    static final int MAX_TIMEOUT_MS = 3_600_000;
    static final int MAX_REASON = 1000;

    private record Pending(String id, Client requester, String commandId, String reason, long timeoutAt,
                           CompletableFuture<Client> handedBack) {
    }

    private final Clients clients;
    private final Activity activity;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Handoffs(Clients clients, Activity activity) {
        this.clients = clients;
        this.activity = activity;
    }

    /** A {@code handoff} command from a controller; the caller has already refused viewers. */
    void request(Client c, Inbound.Command cmd, ControlLease lease) {
        JsonNode reasonNode = cmd.params().get("reason");
        if (reasonNode == null || !reasonNode.isTextual() || reasonNode.asText().isBlank()
                || reasonNode.asText().length() > MAX_REASON) {
            c.sink().send(Outbound.error(cmd.id(), ErrorCode.INVALID_PARAMS,
                    "params.reason: expected a non-empty string of at most " + MAX_REASON + " characters"));
            return;
        }
        JsonNode t = cmd.params().get("timeoutMs");
        if (t != null && !t.isNull() && (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > MAX_TIMEOUT_MS)) {
            c.sink().send(Outbound.error(cmd.id(), ErrorCode.INVALID_PARAMS,
                    "params.timeoutMs: expected an integer 1.." + MAX_TIMEOUT_MS));
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            c.sink().send(Outbound.error(cmd.id(), ErrorCode.RATE_LIMITED, "more than " + MAX_PENDING + " handoffs pending"));
            return;
        }
        long timeoutMs = t == null || t.isNull() ? DEFAULT_TIMEOUT_MS : t.asLong();
        Pending p = new Pending("h" + ids.incrementAndGet(), c, cmd.id(), reasonNode.asText(),
                System.currentTimeMillis() + timeoutMs, new CompletableFuture<>());
        pending.put(p.id(), p);
        activity.commandStarted();
        lease.releaseFor(c); // the person must be able to take the lease the agent held
        clients.broadcast(Outbound.event("handoff_requested", requested(p)));
        p.handedBack().orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((by, error) -> finish(p, by, error));
    }

    /** The lease was released by {@code by} (or its holder left): every handoff another connection asked for is done. */
    void released(Client by) {
        for (Pending p : pending.values()) {
            if (p.requester() != by) {
                p.handedBack().complete(by);
            }
        }
    }

    /** A connection went away: its handoffs have no one to answer. */
    void left(Client c) {
        for (Pending p : pending.values()) {
            if (p.requester() == c) {
                p.handedBack().cancel(false);
            }
        }
    }

    /** What a joining connection should know: the requests still waiting for a person. */
    void tell(Client c) {
        for (Pending p : pending.values()) {
            c.sink().send(Outbound.event("handoff_requested", requested(p)));
        }
    }

    private void finish(Pending p, Client by, Throwable error) {
        if (pending.remove(p.id()) == null) {
            return;
        }
        activity.commandFinished();
        ObjectNode ended = Outbound.object().put("id", p.id());
        if (by != null) {
            ended.put("outcome", "handed_back").put("by", by.principal().subject());
            p.requester().sink().send(Outbound.result(p.commandId(), Outbound.object().put("handedBack", true)
                    .put("by", by.principal().subject()).put("connectionId", by.id())));
        } else if (error instanceof TimeoutException) {
            ended.put("outcome", "timeout");
            p.requester().sink().send(Outbound.error(p.commandId(), ErrorCode.TIMEOUT,
                    "no one took control and handed it back in time"));
        } else {
            ended.put("outcome", "cancelled");
        }
        clients.broadcast(Outbound.event("handoff_ended", ended));
    }

    private static ObjectNode requested(Pending p) {
        return Outbound.object().put("id", p.id()).put("reason", p.reason())
                .put("by", p.requester().principal().subject()).put("connectionId", p.requester().id())
                .put("timeoutAt", p.timeoutAt());
    }
}
