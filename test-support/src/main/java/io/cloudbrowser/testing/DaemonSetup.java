package io.cloudbrowser.testing;

import io.cloudbrowser.protocol.BrowserdEnv;
import java.util.HashMap;
import java.util.Map;

/**
 * What a test browserd is started with: a fresh key pair ({@link TestTokens} plays the control plane), the session
 * its tokens are for, and its environment: port 0, that session, that public key, Chromium, and a test's own
 * settings over those. Immutable; {@link #with} gives a copy with the same key.
 */
public final class DaemonSetup {
    /** The session of a daemon started without one named. */
    public static final String SESSION = "s-test";

    private final TestTokens tokens;
    private final String sessionId;
    private final Map<String, String> env;

    private DaemonSetup(TestTokens tokens, String sessionId, Map<String, String> env) {
        this.tokens = tokens;
        this.sessionId = sessionId;
        this.env = Map.copyOf(env);
    }

    /** A fresh key, session {@value #SESSION}. */
    public static DaemonSetup defaults() {
        return forSession(SESSION);
    }

    /** A fresh key and this session. */
    public static DaemonSetup forSession(String sessionId) {
        TestTokens tokens = TestTokens.generate();
        Map<String, String> env = new HashMap<>();
        env.put(BrowserdEnv.PORT, "0");
        env.put(BrowserdEnv.SESSION_ID, sessionId);
        env.put(BrowserdEnv.JWT_PUBLIC_KEY, tokens.publicKeyPem());
        env.put(BrowserdEnv.CHROMIUM_PATH, System.getenv().getOrDefault(BrowserdEnv.CHROMIUM_PATH, "/usr/bin/chromium"));
        return new DaemonSetup(tokens, sessionId, env);
    }

    /**
     * The same key and session, with these settings over the environment. Tokens stay for {@link #sessionId()}
     * even when {@code BROWSERD_SESSION_ID} is overridden (a blank one starts a pool daemon).
     */
    public DaemonSetup with(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(overrides);
        return new DaemonSetup(tokens, sessionId, all);
    }

    public DaemonSetup with(String name, String value) {
        return with(Map.of(name, value));
    }

    public TestTokens tokens() {
        return tokens;
    }

    public String sessionId() {
        return sessionId;
    }

    /** browserd's whole environment (its settings), as {@code ConfigLoader.fromEnv} reads it. */
    public Map<String, String> env() {
        return env;
    }
}
