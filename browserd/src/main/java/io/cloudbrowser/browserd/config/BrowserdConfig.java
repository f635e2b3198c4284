package io.cloudbrowser.browserd.config;

import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;

/**
 * Everything browserd is configured with, validated once. Read from the environment by {@link ConfigLoader}.
 *
 * @param sessionId  the session this daemon serves, or null in pool mode (waiting for a claim)
 * @param publicKeys the control plane's token keys this daemon trusts (the signing one, the next, previous ones)
 */
public record BrowserdConfig(
        String host,
        int port,
        String sessionId,
        List<ECPublicKey> publicKeys,
        Viewport viewport,
        Duration idleTimeout,
        Duration maxLifetime,
        boolean headless,
        Path chromiumPath,
        boolean allowEvaluate,
        UrlPolicy urlPolicy,
        List<String> allowedOrigins,
        String startUrl,
        Limits limits) {

    public BrowserdConfig {
        requireNonNull(host, "host");
        requireNonNull(publicKeys, "jwt public key (BROWSERD_JWT_PUBLIC_KEY or BROWSERD_JWT_PUBLIC_KEY_FILE)");
        publicKeys = List.copyOf(publicKeys);
        requireNonNull(viewport, "viewport");
        requireNonNull(chromiumPath, "chromium path");
        requireNonNull(urlPolicy, "url policy");
        requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(maxLifetime, "maxLifetime");
        if (sessionId != null && !sessionId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("sessionId: '" + sessionId + "' (expected: 1-128 of [A-Za-z0-9._-])");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    public BrowserdConfig withPort(int newPort) {
        return new BrowserdConfig(host, newPort, sessionId, publicKeys, viewport, idleTimeout, maxLifetime, headless,
                chromiumPath, allowEvaluate, urlPolicy, allowedOrigins, startUrl, limits);
    }

    /** Bounds on what one client may send. */
    public record Limits(int maxConnections, int maxMessageBytes, int messagesPerSecond, int messageBurst,
                         int maxQueuedCommands) {
        public static final Limits DEFAULT = new Limits(16, 64 * 1024, 200, 400, 64);

        public Limits {
            if (maxConnections < 1 || maxMessageBytes < 1024 || messagesPerSecond < 1 || messageBurst < 1
                    || maxQueuedCommands < 1) {
                throw new IllegalArgumentException("limits: " + this + " (expected: all positive, message >= 1024 bytes)");
            }
        }
    }
}
