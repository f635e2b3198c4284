package io.cloudbrowser.controlplane.sandbox.local;

import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.config.LocalProviderConfig;
import io.cloudbrowser.controlplane.sandbox.BrowserdClient;
import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.sandbox.SandboxContext;
import io.cloudbrowser.controlplane.sandbox.SandboxException;
import io.cloudbrowser.controlplane.sandbox.SandboxProvider;
import io.cloudbrowser.controlplane.sandbox.SandboxSpec;
import io.cloudbrowser.controlplane.sandbox.SandboxState;
import io.cloudbrowser.protocol.BrowserdHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * browserd as a child process of the control plane on a free loopback port, with its own Xvfb,
 * temporary directory and log file. Processes are marked (see {@link ProcessMarks}) so none is left
 * behind: not when browserd is killed, not when the control plane is.
 */
public final class LocalSandboxProvider implements SandboxProvider {
    public static final String KIND = "local";
    private static final Logger log = LoggerFactory.getLogger(LocalSandboxProvider.class);

    private final LocalSettings settings;
    private final LocalStarter starter;
    private final BrowserdClient browserd;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A sandbox this provider answers for; {@code child} is empty for adopted ones. */
    private record Tracked(ProcessHandle handle, Optional<Process> child) {
    }

    /** The provider {@code CP_SANDBOX_PROVIDER=local} names, from the local group of settings. */
    public static LocalSandboxProvider create(Config config, SandboxContext context) {
        LocalProviderConfig local = config.local();
        LocalSettings settings = new LocalSettings(local.javaCommand(), local.jvmOptions(), local.browserdJar(),
                context.dataDir(), context.dataDir().toString(), context.publicKeyPem(), context.allowedOrigins(),
                config.sandboxEnv(), config.sandboxStartTimeout(), config.sandboxStopTimeout());
        return new LocalSandboxProvider(settings, context.browserd());
    }

    public LocalSandboxProvider(LocalSettings settings, BrowserdClient browserd) {
        this.settings = settings;
        this.browserd = browserd;
        this.starter = new LocalStarter(settings, browserd);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        if (!isReady()) {
            throw new SandboxException(SandboxException.Kind.MISCONFIGURED, "no browserd jar at "
                    + settings.browserdJar().toAbsolutePath() + " or no java at " + settings.javaCommand()
                    + " (set CP_BROWSERD_JAR / CP_JAVA)");
        }
        String sandboxId = "sb-" + HexFormat.of().formatHex(bytes(6));
        Process process = starter.start(sandboxId, spec);
        tracked.put(sandboxId, new Tracked(process.toHandle(), Optional.of(process)));
        try {
            return starter.awaitReady(sandboxId, process, spec);
        } catch (SandboxException e) {
            stop(sandboxId, process.toHandle());
            throw e;
        }
    }

    @Override
    public Sandbox claim(Sandbox pooled, SandboxSpec spec, boolean resize) throws SandboxException {
        BrowserdHealth health = browserd.claim(pooled, spec, resize);
        renameLog(pooled.id(), health.sessionId());
        return pooled;
    }

    @Override
    public SandboxState state(Sandbox sandbox) {
        Tracked t = tracked.get(sandbox.id());
        if (t != null && t.child().isPresent()) {
            Process child = t.child().get();
            return child.isAlive() ? SandboxState.RUNNING : SandboxState.exited(OptionalInt.of(child.exitValue()));
        }
        ProcessHandle handle = t != null ? t.handle() : LocalHandle.find(sandbox.handle()).orElse(null);
        return handle != null && handle.isAlive() ? SandboxState.RUNNING : SandboxState.exited(OptionalInt.empty());
    }

    @Override
    public void stop(Sandbox sandbox) {
        Tracked t = tracked.get(sandbox.id());
        ProcessHandle root = t != null ? t.handle() : LocalHandle.find(sandbox.handle()).orElse(null);
        stop(sandbox.id(), root);
    }

    /** Runs one stop per sandbox at a time; a concurrent caller waits for the running one. */
    private void stop(String sandboxId, ProcessHandle root) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = stops.putIfAbsent(sandboxId, mine);
        if (running != null) {
            running.join();
            return;
        }
        try {
            if (root != null) {
                ProcessTerminator.terminate(root, settings.stopTimeout(), () -> ProcessMarks.scan(settings.owner(), sandboxId));
            } else {
                ProcessTerminator.terminateAll(ProcessMarks.scan(settings.owner(), sandboxId));
            }
            tracked.remove(sandboxId);
            deleteTree(settings.sandboxTempDir(sandboxId));
        } finally {
            stops.remove(sandboxId);
            mine.complete(null);
        }
    }

    @Override
    public Optional<Sandbox> adopt(Sandbox recorded, String sessionId) {
        Optional<ProcessHandle> handle = LocalHandle.find(recorded.handle());
        if (handle.isEmpty() || !KIND.equals(recorded.kind())) {
            return Optional.empty();
        }
        try {
            BrowserdHealth health = browserd.health(recorded);
            if (!sessionId.equals(health.sessionId()) || !health.isReady()) {
                return Optional.empty();
            }
        } catch (SandboxException e) {
            log.info("sandbox {} of session {} does not answer: {}", recorded.id(), sessionId, e.getMessage());
            return Optional.empty();
        }
        tracked.put(recorded.id(), new Tracked(handle.get(), Optional.empty()));
        return Optional.of(recorded);
    }

    @Override
    public int reapOrphans(Set<String> keep) {
        Map<String, List<ProcessHandle>> marked = ProcessMarks.scan(settings.owner());
        int reaped = 0;
        for (Map.Entry<String, List<ProcessHandle>> sandbox : marked.entrySet()) {
            if (keep.contains(sandbox.getKey()) || tracked.containsKey(sandbox.getKey())) {
                continue;
            }
            log.warn("stopping orphan sandbox {} ({} processes)", sandbox.getKey(), sandbox.getValue().size());
            ProcessTerminator.terminateAll(sandbox.getValue());
            reaped++;
        }
        deleteStaleTempDirs(keep);
        return reaped;
    }

    @Override
    public boolean isReady() {
        return Files.isRegularFile(settings.browserdJar()) && Files.isExecutable(settings.javaCommand());
    }

    @Override
    public void close() {
        ExecutorService stoppers = Executors.newCachedThreadPool();
        try {
            List<CompletableFuture<Void>> all = tracked.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> stop(e.getKey(), e.getValue().handle()), stoppers))
                    .toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            stoppers.shutdown();
        }
    }

    private void renameLog(String sandboxId, String sessionId) {
        Path from = settings.logsDir().resolve(sandboxId + ".log");
        try {
            // browserd keeps appending to the same file under its new name.
            Files.move(from, settings.logsDir().resolve(sessionId + ".log"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot rename {} for session {}: {}", from, sessionId, e.toString());
        }
    }

    private void deleteStaleTempDirs(Set<String> keep) {
        Path root = settings.workDir().resolve("sandboxes");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var dirs = Files.list(root)) {
            dirs.filter(d -> !keep.contains(d.getFileName().toString()))
                    .filter(d -> !tracked.containsKey(d.getFileName().toString()))
                    .forEach(LocalSandboxProvider::deleteTree);
        } catch (IOException e) {
            log.warn("cannot list {}: {}", root, e.toString());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
