package io.cloudbrowser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.token.Role;
import java.util.Map;

/** How a test reaches a running browserd on 127.0.0.1: its port and its setup, and the clients built on them. */
public interface DaemonAccess {
    int port();

    DaemonSetup setup();

    default TestTokens tokens() {
        return setup().tokens();
    }

    default String sessionId() {
        return setup().sessionId();
    }

    default String wsUrl() {
        return "ws://127.0.0.1:" + port() + BrowserdEndpoints.WS;
    }

    default String httpUrl(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A fresh session token of that role (user "user-1", valid 5 minutes). */
    default String token(Role role) {
        return tokens().session(sessionId()).role(role).sign();
    }

    default WsClient controller() {
        return WsClient.connect(wsUrl(), token(Role.CONTROLLER));
    }

    /** A controller whose token's {@code sub} is {@code subject} (an agent, a person). */
    default WsClient controller(String subject) {
        return WsClient.connect(wsUrl(), tokens().session(sessionId()).role(Role.CONTROLLER).sub(subject).sign());
    }

    default WsClient viewer() {
        return WsClient.connect(wsUrl(), token(Role.VIEWER));
    }

    /** {@code GET /health}, which needs no token. */
    default JsonNode health() {
        return RawHttp.exchange(port(), "GET", BrowserdEndpoints.HEALTH, Map.of(), "").json();
    }
}
