package io.cloudbrowser.controlplane.config;

import io.cloudbrowser.protocol.Viewport;
import io.cloudbrowser.protocol.policy.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link Config} from flags and environment, the one place that does. Flags are
 * {@code --name value} or {@code --name=value}; {@code --sandbox-env KEY=VALUE} may repeat.
 */
public final class ConfigLoader {
    public static final String SANDBOX_ENV_FLAG = "--sandbox-env";

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    private final Map<String, String> sandboxEnv = new LinkedHashMap<>();

    private ConfigLoader() {
    }

    public static Config load(Map<String, String> env, List<String> args) {
        ConfigLoader loader = new ConfigLoader();
        for (Setting setting : Setting.values()) {
            loader.values.put(setting, env.getOrDefault(setting.envName(), setting.defaultValue()));
        }
        loader.readFlags(args);
        try {
            return loader.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** One line per setting, for --help. */
    public static String help() {
        StringBuilder out = new StringBuilder("control-plane settings (flag / environment, default):\n");
        for (Setting.Group group : Setting.Group.values()) {
            out.append(String.format("%n%s:%n", group.title()));
            for (Setting s : Setting.values()) {
                if (s.group() == group) {
                    out.append(String.format("  %-26s %-28s [%s]%n      %s%n", s.flagName(), s.envName(),
                            s.defaultValue(), s.description()));
                }
            }
            if (group == Setting.Group.GENERAL) {
                out.append(String.format("  %-26s %s%n", SANDBOX_ENV_FLAG + " K=V", "extra environment for every"
                        + " sandbox (repeatable; BROWSERD_* and CHROMIUM_PATH of this process pass too, nothing else)"));
            }
        }
        return out.toString();
    }

    private void readFlags(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigException(name + ": missing value");
            }
            if (name.equals(SANDBOX_ENV_FLAG)) {
                putSandboxEnv(value);
            } else {
                values.put(settingForFlag(name), value);
            }
        }
    }

    private static Setting settingForFlag(String flag) {
        return Arrays.stream(Setting.values()).filter(s -> s.flagName().equals(flag)).findFirst()
                .orElseThrow(() -> new ConfigException(flag + ": unknown flag (see --help)"));
    }

    private void putSandboxEnv(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(SANDBOX_ENV_FLAG + ": '" + pair + "' (expected: KEY=VALUE)");
        }
        sandboxEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private Config build() {
        return new Config(
                string(Setting.HOST), integer(Setting.PORT), publicUrl(), Path.of(string(Setting.DATA_DIR)), optional(Setting.KEYS_DIR).map(Path::of),
                database(), parsed(Setting.SANDBOX_PROVIDER, SandboxProviderKind::parse), apiKeys(), integer(Setting.MAX_SESSIONS_PER_USER), integer(Setting.MAX_SESSIONS),
                integer(Setting.RATE_LIMIT), integer(Setting.RATE_BURST),
                integer(Setting.WARM_POOL_SIZE), duration(Setting.WARM_POOL_MAX_AGE),
                new LocalProviderConfig(browserdJar(), javaCommand(), words(Setting.SANDBOX_JVM_OPTIONS)), sandboxEnv,
                duration(Setting.DEFAULT_TTL), duration(Setting.MAX_TTL),
                duration(Setting.DEFAULT_IDLE_TIMEOUT), duration(Setting.MAX_IDLE_TIMEOUT),
                parsed(Setting.DEFAULT_VIEWPORT, Viewport::parse), duration(Setting.SANDBOX_START_TIMEOUT), duration(Setting.SANDBOX_STOP_TIMEOUT),
                duration(Setting.REAPER_INTERVAL), optional(Setting.REPLICA_ID), duration(Setting.LEASE),
                list(Setting.ALLOWED_ORIGINS), jobs());
    }

    private JobsConfig jobs() {
        ArtifactConfig artifacts = new ArtifactConfig(parsed(Setting.ARTIFACT_STORE, ArtifactConfig.Kind::parse),
                optional(Setting.ARTIFACT_DIR), string(Setting.S3_BUCKET), string(Setting.S3_REGION),
                optional(Setting.S3_ENDPOINT).map(e -> parsed(Setting.S3_ENDPOINT, URI::create)),
                parsed(Setting.S3_PATH_STYLE, ConfigLoader::bool), optional(Setting.S3_ENCRYPTION));
        return new JobsConfig(integer(Setting.JOB_WORKERS), integer(Setting.JOB_MAX_ATTEMPTS),
                duration(Setting.JOB_LEASE), duration(Setting.JOB_RETRY_BACKOFF), integer(Setting.MAX_JOBS_PER_USER),
                integer(Setting.MAX_RUNNING_JOBS_PER_USER), duration(Setting.JOB_MAX_WAIT),
                duration(Setting.JOB_URL_TTL), duration(Setting.JOB_OUTPUT_RETENTION), duration(Setting.JOB_RETENTION),
                duration(Setting.JOB_SWEEP_INTERVAL), webhookUrlPolicy(), artifacts);
    }

    private String webhookUrlPolicy() {
        String spec = string(Setting.WEBHOOK_URL_POLICY);
        parsed(Setting.WEBHOOK_URL_POLICY, UrlPolicy::parse);
        return spec;
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' (expected: true or false)");
        };
    }

    private String string(Setting s) {
        return values.get(s).trim();
    }

    private int integer(Setting s) {
        try {
            return Integer.parseInt(string(s));
        } catch (NumberFormatException e) {
            throw new ConfigException(s.envName() + ": '" + values.get(s) + "' (expected: an integer)");
        }
    }

    /** Seconds ("300") or ISO-8601 ("PT5M"), as browserd reads its own timeouts. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        return Duration.parse(t);
    }

    private Duration duration(Setting s) {
        try {
            return parseDuration(string(s));
        } catch (DateTimeParseException e) {
            throw new ConfigException(s.envName() + ": '" + values.get(s) + "' (expected: seconds or ISO-8601 like PT5M)");
        }
    }

    private List<String> list(Setting s) {
        return Arrays.stream(string(s).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private List<String> words(Setting s) {
        return Arrays.stream(string(s).split("\\s+")).filter(v -> !v.isEmpty()).toList();
    }

    private Optional<URI> publicUrl() {
        String text = string(Setting.PUBLIC_URL);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
        } catch (URISyntaxException e) {
            throw new ConfigException(Setting.PUBLIC_URL.envName() + ": '" + text + "' (expected: a URL)");
        }
    }

    private Map<String, String> apiKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : list(Setting.API_KEYS)) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(Setting.API_KEYS.envName() + ": entry without user (expected: user:key)");
            }
            keys.put(entry.substring(colon + 1), entry.substring(0, colon));
        }
        return keys;
    }

    /** A value whose parser explains itself: the message is prefixed with the setting's name. */
    private <T> T parsed(Setting s, Function<String, T> parser) {
        try {
            return parser.apply(string(s));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.envName() + ": " + e.getMessage());
        }
    }

    private Optional<DatabaseConfig> database() {
        if (string(Setting.DATABASE_URL).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseConfig(parsed(Setting.DATABASE_URL, DatabaseUrl::parse),
                optional(Setting.DATABASE_USER), databasePassword(), integer(Setting.DATABASE_POOL_SIZE)));
    }

    private Optional<String> optional(Setting s) {
        return string(s).isEmpty() ? Optional.empty() : Optional.of(string(s));
    }

    /** From the setting or, when it names one, a file (a mounted Secret); never both. */
    private Optional<String> databasePassword() {
        Optional<String> file = optional(Setting.DATABASE_PASSWORD_FILE);
        if (file.isEmpty()) {
            return Optional.ofNullable(values.get(Setting.DATABASE_PASSWORD)).filter(p -> !p.isEmpty());
        }
        if (!values.get(Setting.DATABASE_PASSWORD).isEmpty()) {
            throw new ConfigException(Setting.DATABASE_PASSWORD.envName() + " and " + Setting.DATABASE_PASSWORD_FILE.envName()
                    + ": both set (expected: one of them)");
        }
        try {
            return Optional.of(Files.readString(Path.of(file.get())).strip());
        } catch (IOException e) {
            throw new ConfigException(Setting.DATABASE_PASSWORD_FILE.envName() + ": cannot read '" + file.get()
                    + "' (expected: a readable file holding the password)");
        }
    }

    private Path browserdJar() {
        String text = string(Setting.BROWSERD_JAR);
        if (!text.isEmpty()) {
            return Path.of(text);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("browserd", "target", "browserd.jar"));
        ownJarDirectory().ifPresent(dir -> candidates.add(dir.resolve("browserd.jar")));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    private static Optional<Path> ownJarDirectory() {
        var codeSource = ConfigLoader.class.getProtectionDomain().getCodeSource();
        if (codeSource == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(codeSource.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.getParent()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Path javaCommand() {
        String text = string(Setting.JAVA);
        if (!text.isEmpty()) {
            return Path.of(text);
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
