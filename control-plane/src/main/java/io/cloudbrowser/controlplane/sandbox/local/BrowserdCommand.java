package io.cloudbrowser.controlplane.sandbox.local;

import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.protocol.BrowserdEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command line and environment one local browserd is started with. The environment is built from
 * nothing: browserd gets its own settings and what a process needs to run (PATH, locale, HOME), never the
 * rest of the control plane's environment, which holds the control plane's secrets.
 */
final class BrowserdCommand {
    /** Taken from the control plane's environment when set there: what a program needs to run at all. */
    private static final List<String> PROCESS_BASICS = List.of("PATH", "HOME", "LANG", "LANGUAGE", "TZ");

    private BrowserdCommand() {
    }

    /**
     * @param controlPlaneEnv the control plane's own environment, of which only the basics and browserd's
     *                        settings ({@code BROWSERD_*}, {@code CHROMIUM_PATH}) pass
     * @param driverDir       a shared unpacked Playwright driver, if there is one
     */
    static ProcessBuilder build(LocalSettings settings, Map<String, String> controlPlaneEnv, String sandboxId,
                                SandboxSpec spec, Path tempDir, Path log, Optional<Path> driverDir) {
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
        env.clear();
        env.putAll(environment(settings, controlPlaneEnv, sandboxId, spec, tempDir, driverDir));
        return builder;
    }

    /** Everything a sandbox's browserd sees in its environment. DISPLAY is never set: each starts its own Xvfb. */
    static Map<String, String> environment(LocalSettings settings, Map<String, String> controlPlaneEnv,
                                           String sandboxId, SandboxSpec spec, Path tempDir,
                                           Optional<Path> driverDir) {
        Map<String, String> env = new TreeMap<>();
        controlPlaneEnv.forEach((name, value) -> {
            if (PROCESS_BASICS.contains(name) || name.startsWith("LC_") || name.startsWith(BrowserdEnv.PREFIX)
                    || name.equals(BrowserdEnv.CHROMIUM_PATH) || name.equals(BrowserdEnv.PLAYWRIGHT_DRIVER_DIR)) {
                env.put(name, value);
            }
        });
        BrowserdEnv.PER_SANDBOX.forEach(env::remove);
        if (!env.containsKey(BrowserdEnv.PLAYWRIGHT_DRIVER_DIR)) {
            driverDir.ifPresent(dir -> env.put(BrowserdEnv.PLAYWRIGHT_DRIVER_DIR, dir.toString()));
        }
        env.putAll(settings.extraEnv());
        env.put(BrowserdEnv.PORT, "0");
        env.put(BrowserdEnv.HOST, "127.0.0.1");
        env.put(BrowserdEnv.JWT_PUBLIC_KEY, settings.publicKeyPem());
        env.put(BrowserdEnv.VIEWPORT, spec.viewport().spelling());
        env.put(BrowserdEnv.IDLE_TIMEOUT, Long.toString(spec.idleTimeout().toSeconds()));
        env.put(BrowserdEnv.MAX_LIFETIME, Long.toString(spec.maxLifetime().toSeconds()));
        env.put(BrowserdEnv.ALLOWED_ORIGINS, String.join(",", settings.allowedOrigins()));
        spec.sessionId().ifPresent(id -> env.put(BrowserdEnv.SESSION_ID, id));
        spec.startUrl().ifPresent(url -> env.put(BrowserdEnv.START_URL, url));
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.put("TMPDIR", tempDir.toString());
        env.put(ProcessMarks.OWNER, settings.owner());
        env.put(ProcessMarks.SANDBOX, sandboxId);
        return env;
    }
}
