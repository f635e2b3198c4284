package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.ErrorCode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Who may drive the browser. Any controller connection may, until one takes the lease (a person taking over from
 * an agent); then only the holder may, until it releases the lease or disconnects. Viewers never may. Every change
 * is announced to all connections as a {@code control} event.
 */
final class ControlLease {
    private final Clients clients;
    private final Consumer<Client> released;
    private final AtomicReference<Client> holder = new AtomicReference<>();

    /** @param released told who let the lease go (released it or left while holding it): handoffs end there */
    ControlLease(Clients clients, Consumer<Client> released) {
        this.clients = clients;
        this.released = released;
    }

    /** Why this client may not drive the browser now ({@code forbidden}, {@code control_held}), or null if it may. */
    ErrorCode refusal(Client c) {
        if (!c.isController()) {
            return ErrorCode.FORBIDDEN;
        }
        Client h = holder.get();
        return h != null && h != c ? ErrorCode.CONTROL_HELD : null;
    }

    static String explain(ErrorCode refusal) {
        return refusal == ErrorCode.FORBIDDEN ? "a viewer token receives frames only"
                : "another connection holds control";
    }

    /**
     * A {@code control} message: a change is announced to everyone; taking a lease someone else holds is
     * {@code control_held}; anything else that changes nothing answers the sender with the current state.
     */
    void request(Client c, boolean take) {
        if (!c.isController()) {
            c.sink().send(Outbound.errorEvent(ErrorCode.FORBIDDEN, explain(ErrorCode.FORBIDDEN)));
            return;
        }
        boolean changed = take ? holder.compareAndSet(null, c) : holder.compareAndSet(c, null);
        if (changed) {
            clients.broadcast(stateEvent());
            if (!take) {
                released.accept(c);
            }
        } else if (take && holder.get() != c) {
            c.sink().send(Outbound.errorEvent(ErrorCode.CONTROL_HELD, explain(ErrorCode.CONTROL_HELD)));
        } else {
            c.sink().send(stateEvent());
        }
    }

    /** A connection went away: if it held the lease, the lease is free and everyone hears so. */
    void left(Client c) {
        releaseFor(c);
    }

    /** Frees the lease if {@code c} holds it (an agent asking for a person lets go of it). */
    void releaseFor(Client c) {
        if (holder.compareAndSet(c, null)) {
            clients.broadcast(stateEvent());
            released.accept(c);
        }
    }

    /** The {@code control} event: {@code {holder, sub}}, both null while no one holds the lease. */
    String stateEvent() {
        Client h = holder.get();
        ObjectNode n = Outbound.object();
        if (h == null) {
            n.putNull("holder").putNull("sub");
        } else {
            n.put("holder", h.id()).put("sub", h.principal().subject());
        }
        return Outbound.event("control", n);
    }
}
