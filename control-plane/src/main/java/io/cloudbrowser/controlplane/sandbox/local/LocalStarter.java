package io.cloudbrowser.controlplane.sandbox.local;

import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.protocol.BrowserdHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Starts one browserd process and waits until it listens and reports ready. */
final class LocalStarter {
    private static final Duration LOG_POLL = Duration.ofMillis(10);
    private static final Duration HEALTH_POLL = Duration.ofMillis(20);
    private static final int TAIL_LINES = 5;

    private final LocalSettings settings;
    private final BrowserdClient browserd;
    private Optional<Path> driverDir;

    LocalStarter(LocalSettings settings, BrowserdClient browserd) {
        this.settings = settings;
        this.browserd = browserd;
    }

    Process start(String sandboxId, SandboxSpec spec) throws SandboxException {
        try {
            Path tempDir = Files.createDirectories(settings.sandboxTempDir(sandboxId));
            Files.createDirectories(settings.logsDir());
            Process process = BrowserdCommand.build(settings, System.getenv(), sandboxId, spec, tempDir, logFile(sandboxId, spec),
                    driverDir()).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.MISCONFIGURED, "cannot start browserd: " + e.getMessage(), e);
        }
    }

    /** Unpacked on the first start, then shared by every sandbox. */
    private synchronized Optional<Path> driverDir() {
        if (driverDir == null) {
            driverDir = PlaywrightDriverCache.prepare(settings.browserdJar(), settings.workDir().resolve("playwright"));
        }
        return driverDir;
    }

    /** Waits for the "listening" line, then for /health to say ready for the right session. */
    Sandbox awaitReady(String sandboxId, Process process, SandboxSpec spec) throws SandboxException {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        SandboxLog log = new SandboxLog(logFile(sandboxId, spec));
        int port = awaitPort(process, log, deadline);
        Sandbox sandbox = new Sandbox(sandboxId, LocalSandboxProvider.KIND, "127.0.0.1", port,
                LocalHandle.format(process.toHandle()));
        while (true) {
            checkRunning(process, log, deadline);
            try {
                BrowserdHealth health = browserd.health(sandbox);
                if (health.isReady() && Objects.equals(health.sessionId(), spec.sessionId().orElse(null))) {
                    return sandbox;
                }
            } catch (SandboxException e) {
                // Not answering yet: keep polling until the deadline.
            }
            pause(HEALTH_POLL);
        }
    }

    private Path logFile(String sandboxId, SandboxSpec spec) {
        return settings.logsDir().resolve(spec.sessionId().orElse(sandboxId) + ".log");
    }

    private static int awaitPort(Process process, SandboxLog log, Instant deadline) throws SandboxException {
        while (true) {
            try {
                OptionalInt port = log.findListeningPort();
                if (port.isPresent()) {
                    return port.getAsInt();
                }
            } catch (IOException e) {
                throw new SandboxException(SandboxException.Kind.MISCONFIGURED, "cannot read " + log.file(), e);
            }
            checkRunning(process, log, deadline);
            pause(LOG_POLL);
        }
    }

    private static void checkRunning(Process process, SandboxLog log, Instant deadline) throws SandboxException {
        if (!process.isAlive()) {
            throw new SandboxException(SandboxException.Kind.EXITED, "browserd exited with code "
                    + process.exitValue() + " while starting: " + log.tail(TAIL_LINES));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new SandboxException(SandboxException.Kind.TIMEOUT,
                    "browserd not ready in time: " + log.tail(TAIL_LINES));
        }
    }

    private static void pause(Duration duration) throws SandboxException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(SandboxException.Kind.TIMEOUT, "interrupted while starting browserd", e);
        }
    }
}
