package io.cloudbrowser.browserd.lifecycle;

import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.browserd.session.Activity;
import io.cloudbrowser.browserd.session.SessionBinding;
import io.cloudbrowser.protocol.ClaimRequest;
import io.cloudbrowser.protocol.ErrorCode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code POST /admin/claim} to a pool-mode daemon: binds it to the session, once ({@code already_claimed}
 * after that), sets the timeouts the claim names and starts the lifetime, then resizes the page and opens the start
 * URL if asked. The resize and the navigation are queued on the browser thread; the claim does not wait for them.
 */
public final class ClaimHandler {
    private static final Logger log = LoggerFactory.getLogger(ClaimHandler.class);

    private final SessionBinding binding;
    private final SessionLimits limits;
    private final Activity activity;
    private final BrowserHost host;

    public ClaimHandler(SessionBinding binding, SessionLimits limits, Activity activity, BrowserHost host) {
        this.binding = binding;
        this.limits = limits;
        this.activity = activity;
        this.host = host;
    }

    public void claim(String sessionId, ClaimRequest body) throws ProtocolException {
        Duration idle = body.idleTimeoutSeconds() == null ? limits.idleTimeout()
                : Duration.ofSeconds(body.idleTimeoutSeconds());
        Duration max = body.maxLifetimeSeconds() == null ? limits.maxLifetime()
                : Duration.ofSeconds(body.maxLifetimeSeconds());
        if (!binding.bind(sessionId)) {
            throw new ProtocolException(ErrorCode.ALREADY_CLAIMED, "this daemon already serves a session");
        }
        activity.touch();
        limits.start(idle, max, System.currentTimeMillis());
        if (body.viewport() != null) {
            host.command("setViewport", Outbound.object().put("width", body.viewport().w())
                    .put("height", body.viewport().h()));
        }
        if (body.startUrl() != null) {
            host.navigateQuietly(body.startUrl());
        }
        log.info("claimed for session {}", sessionId);
    }
}
