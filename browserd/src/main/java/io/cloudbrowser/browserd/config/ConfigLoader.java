package io.cloudbrowser.browserd.config;

import io.cloudbrowser.protocol.BrowserdEnv;
import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.cloudbrowser.protocol.token.PublicKeyPem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link BrowserdConfig} from environment variables; command-line flags mirror them
 * ({@code --port=3000} is {@code BROWSERD_PORT=3000}, {@code --chromium-path=...} is {@code CHROMIUM_PATH}).
 * Every setting and its default is documented in browserd/README.md.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static BrowserdConfig load(Map<String, String> env, String[] args) {
        Map<String, String> all = new HashMap<>(env);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("argument: '" + arg + "' (expected: --name=value)");
            }
            String name = arg.substring(2, arg.indexOf('=')).toUpperCase(Locale.ROOT).replace('-', '_');
            all.put(name.equals(BrowserdEnv.CHROMIUM_PATH) ? name : BrowserdEnv.PREFIX + name, arg.substring(arg.indexOf('=') + 1));
        }
        return fromEnv(all);
    }

    public static BrowserdConfig fromEnv(Map<String, String> env) {
        return new BrowserdConfig(
                env.getOrDefault(BrowserdEnv.HOST, "127.0.0.1"),
                parseInt(env, BrowserdEnv.PORT, 3000),
                blankToNull(env.get(BrowserdEnv.SESSION_ID)),
                PublicKeyPem.parseAll(publicKeyPem(env)),
                viewport(env),
                parseDuration(env, BrowserdEnv.IDLE_TIMEOUT, Duration.ofMinutes(5)),
                parseDuration(env, BrowserdEnv.MAX_LIFETIME, Duration.ofHours(1)),
                parseBoolean(env, BrowserdEnv.HEADLESS, false),
                Path.of(env.getOrDefault(BrowserdEnv.CHROMIUM_PATH, "/usr/bin/chromium")),
                parseBoolean(env, BrowserdEnv.ALLOW_EVALUATE, false),
                UrlPolicy.parse(env.getOrDefault(BrowserdEnv.URL_POLICY, "")),
                parseList(env.get(BrowserdEnv.ALLOWED_ORIGINS)),
                blankToNull(env.get(BrowserdEnv.START_URL)),
                new BrowserdConfig.Limits(
                        parseInt(env, BrowserdEnv.MAX_CONNECTIONS, BrowserdConfig.Limits.DEFAULT.maxConnections()),
                        parseInt(env, BrowserdEnv.MAX_MESSAGE_BYTES, BrowserdConfig.Limits.DEFAULT.maxMessageBytes()),
                        parseInt(env, BrowserdEnv.MESSAGES_PER_SECOND, BrowserdConfig.Limits.DEFAULT.messagesPerSecond()),
                        parseInt(env, BrowserdEnv.MESSAGE_BURST, BrowserdConfig.Limits.DEFAULT.messageBurst()),
                        BrowserdConfig.Limits.DEFAULT.maxQueuedCommands()));
    }

    private static Viewport viewport(Map<String, String> env) {
        String text = blankToNull(env.get(BrowserdEnv.VIEWPORT));
        try {
            return text == null ? Viewport.DEFAULT : Viewport.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("viewport: " + e.getMessage());
        }
    }

    private static String publicKeyPem(Map<String, String> env) {
        String pem = blankToNull(env.get(BrowserdEnv.JWT_PUBLIC_KEY));
        if (pem != null) {
            return pem;
        }
        String file = blankToNull(env.get(BrowserdEnv.JWT_PUBLIC_KEY_FILE));
        if (file == null) {
            throw new IllegalArgumentException("jwt public key: missing (set BROWSERD_JWT_PUBLIC_KEY or BROWSERD_JWT_PUBLIC_KEY_FILE)");
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("BROWSERD_JWT_PUBLIC_KEY_FILE: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    static Duration parseDuration(Map<String, String> env, String name, Duration dflt) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return dflt;
        }
        try {
            return v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' (expected: seconds like 300 or ISO-8601 like PT5M)");
        }
    }

    private static int parseInt(Map<String, String> env, String name, int dflt) {
        String v = blankToNull(env.get(name));
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' (expected: an integer)");
        }
    }

    private static boolean parseBoolean(Map<String, String> env, String name, boolean dflt) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + ": '" + v + "' (expected: true or false)");
        };
    }

    private static List<String> parseList(String v) {
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
