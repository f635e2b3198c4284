package io.cloudbrowser.controlplane.sandbox.local;

import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line and environment one local browserd is started with (the brief's contract). */
final class BrowserdCommand {
    /** Set by us for each sandbox; never inherited from the control plane's own environment. */
    private static final List<String> MANAGED = List.of(
            "BROWSERD_PORT", "BROWSERD_HOST", "BROWSERD_SESSION_ID", "BROWSERD_JWT_PUBLIC_KEY",
            "BROWSERD_JWT_PUBLIC_KEY_FILE", "BROWSERD_VIEWPORT", "BROWSERD_IDLE_TIMEOUT", "BROWSERD_MAX_LIFETIME",
            "BROWSERD_START_URL", "BROWSERD_ALLOWED_ORIGINS", ProcessMarks.OWNER, ProcessMarks.SANDBOX);

    private BrowserdCommand() {
    }

    /** @param driverDir a shared unpacked Playwright driver, if there is one */
    static ProcessBuilder build(LocalSettings settings, String sandboxId, SandboxSpec spec, Path tempDir, Path log,
                                Optional<Path> driverDir) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaCommand().toString());
        command.addAll(settings.jvmOptions());
        command.add("-Djava.io.tmpdir=" + tempDir);
        command.add("-jar");
        command.add(settings.browserdJar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(tempDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        MANAGED.forEach(env::remove);
        // Each sandbox gets its own Xvfb: browserd starts one when it sees no DISPLAY.
        env.remove("DISPLAY");
        if (!env.containsKey(PlaywrightDriverCache.ENV)) {
            driverDir.ifPresent(dir -> env.put(PlaywrightDriverCache.ENV, dir.toString()));
        }
        env.putAll(settings.extraEnv());
        env.put("BROWSERD_PORT", "0");
        env.put("BROWSERD_HOST", "127.0.0.1");
        env.put("BROWSERD_JWT_PUBLIC_KEY", settings.publicKeyPem());
        env.put("BROWSERD_VIEWPORT", spec.viewport().toEnvValue());
        env.put("BROWSERD_IDLE_TIMEOUT", Long.toString(spec.idleTimeout().toSeconds()));
        env.put("BROWSERD_MAX_LIFETIME", Long.toString(spec.maxLifetime().toSeconds()));
        env.put("BROWSERD_ALLOWED_ORIGINS", String.join(",", settings.allowedOrigins()));
        spec.sessionId().ifPresent(id -> env.put("BROWSERD_SESSION_ID", id));
        spec.startUrl().ifPresent(url -> env.put("BROWSERD_START_URL", url));
        env.put("TMPDIR", tempDir.toString());
        env.put(ProcessMarks.OWNER, settings.owner());
        env.put(ProcessMarks.SANDBOX, sandboxId);
        return builder;
    }
}
