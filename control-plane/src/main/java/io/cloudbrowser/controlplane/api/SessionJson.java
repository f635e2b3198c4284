package io.cloudbrowser.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.model.SessionRecord;
import io.cloudbrowser.controlplane.session.SessionView;
import io.cloudbrowser.controlplane.store.Activity;
import io.cloudbrowser.controlplane.token.MintedToken;
import io.cloudbrowser.protocol.WireTime;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The API's JSON for sessions and tokens. Times are ISO-8601 UTC strings with milliseconds ({@link WireTime}). */
final class SessionJson {
    private final ObjectMapper json;
    private final URI publicUrl;

    SessionJson(ObjectMapper json, URI publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl;
    }

    ObjectNode session(SessionView view) {
        SessionRecord r = view.record();
        ObjectNode out = json.createObjectNode()
                .put("id", r.id())
                .put("status", r.status().wireName());
        if (r.endReason() != null) {
            out.put("reason", r.endReason().wireName());
        }
        out.put("createdAt", WireTime.format(r.createdAt()));
        putTime(out, "readyAt", r.readyAt());
        out.put("expiresAt", WireTime.format(r.expiresAt()));
        putTime(out, "endedAt", r.endedAt());
        out.put("idleTimeoutSeconds", r.idleTimeout().toSeconds());
        Instant lastActivity = view.activity().map(Activity::lastActivityAt).orElse(r.readyAt());
        if (r.status().isLive()) {
            putTime(out, "lastActivityAt", lastActivity);
            putTime(out, "idleTimeoutAt", lastActivity == null ? null : lastActivity.plus(r.idleTimeout()));
            out.put("viewers", view.activity().map(Activity::viewers).orElse(0));
        }
        out.putObject("viewport").put("w", r.viewport().w()).put("h", r.viewport().h()).put("dpr", r.viewport().dpr());
        if (r.startUrl() != null) {
            out.put("startUrl", r.startUrl());
        }
        out.put("wsUrl", wsUrl(r.id()));
        return out;
    }

    /** A session with a token: the create answer. */
    ObjectNode sessionWithToken(SessionView view, MintedToken token) {
        ObjectNode out = session(view);
        out.put("token", token.jwt());
        out.put("tokenId", token.jti());
        out.put("viewerUrl", viewerUrl(view.record().id(), token));
        return out;
    }

    ObjectNode token(String sessionId, MintedToken token) {
        return json.createObjectNode()
                .put("id", token.jti())
                .put("sessionId", sessionId)
                .put("role", token.role().wireName())
                .put("token", token.jwt())
                .put("expiresAt", WireTime.format(token.expiresAt()))
                .put("wsUrl", wsUrl(sessionId))
                .put("viewerUrl", viewerUrl(sessionId, token));
    }

    String wsUrl(String sessionId) {
        URI base = publicUrl;
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return scheme + "://" + base.getRawAuthority() + "/api/sessions/" + sessionId + "/ws";
    }

    /** The web client's viewer link: the token rides in the fragment, which never reaches a server. */
    private String viewerUrl(String sessionId, MintedToken token) {
        return publicUrl + "/viewer.html#ws=" + URLEncoder.encode(wsUrl(sessionId), StandardCharsets.UTF_8)
                + "&token=" + token.jwt();
    }

    private static void putTime(ObjectNode out, String name, Instant time) {
        if (time != null) {
            out.put(name, WireTime.format(time));
        }
    }
}
