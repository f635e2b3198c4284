package io.cloudbrowser.browserd.testing;

import io.cloudbrowser.browserd.Browserd;
import io.cloudbrowser.browserd.config.ConfigLoader;
import io.cloudbrowser.protocol.ExitCode;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.testing.TestTokens;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A real browserd (real Xvfb, real Chromium) started in-process on a free port, for one test class. */
public final class TestDaemon implements AutoCloseable {
    public static final String SESSION = "s-test";

    private final TestTokens tokens = TestTokens.generate();
    private final Browserd daemon;

    private TestDaemon(Map<String, String> overrides) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("BROWSERD_PORT", "0");
        env.put("BROWSERD_SESSION_ID", SESSION);
        env.put("BROWSERD_JWT_PUBLIC_KEY", tokens.publicKeyPem());
        env.put("CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        env.putAll(overrides);
        daemon = Browserd.start(ConfigLoader.fromEnv(env));
    }

    /** @param overrides environment settings, e.g. {@code BROWSERD_URL_POLICY} */
    public static TestDaemon start(Map<String, String> overrides) throws IOException {
        return new TestDaemon(overrides);
    }

    public Browserd daemon() {
        return daemon;
    }

    public TestTokens tokens() {
        return tokens;
    }

    public int port() {
        return daemon.port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public String token(Role role) {
        return tokens.session(SESSION).role(role).sign();
    }

    public WsClient controller() {
        return WsClient.connect(wsUrl(), token(Role.CONTROLLER));
    }

    public WsClient viewer() {
        return WsClient.connect(wsUrl(), token(Role.VIEWER));
    }

    @Override
    public void close() {
        daemon.shutdown("stopped", ExitCode.OK);
        daemon.exitCode().join();
    }
}
