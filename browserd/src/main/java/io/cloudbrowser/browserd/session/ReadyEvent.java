package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.Viewport;
import java.util.function.Supplier;

/**
 * The {@code ready} event: the session, the connection's role and id, the protocol version and the page's viewport.
 * A connection gets it first when it joins, and again when the browser is back after a crash.
 */
public final class ReadyEvent {
    private final SessionBinding binding;
    private final Supplier<Viewport> viewport;

    /** @param viewport the page's current viewport (it changes with {@code setViewport}) */
    public ReadyEvent(SessionBinding binding, Supplier<Viewport> viewport) {
        this.binding = binding;
        this.viewport = viewport;
    }

    String message(Client c) {
        Viewport v = viewport.get();
        ObjectNode data = Outbound.object().put("sessionId", binding.id()).put("role", c.principal().role().wireName())
                .put("connectionId", c.id()).put("protocol", BrowserdEndpoints.PROTOCOL_VERSION);
        data.putObject("viewport").put("w", v.w()).put("h", v.h()).put("dpr", v.dpr());
        return Outbound.event("ready", data);
    }
}
