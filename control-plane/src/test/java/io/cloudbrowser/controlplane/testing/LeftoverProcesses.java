package io.cloudbrowser.controlplane.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test class: no process started for these tests may be left, be it browserd, Chromium,
 * Playwright's driver or Xvfb. Sandbox processes carry {@code CLOUDBROWSER_OWNER=<data dir>} in
 * their environment, or (Chromium) name a profile under the data dir on their command line; the
 * tests' data directories are all under {@link TestEnvironment#root()}, so this finds exactly ours,
 * even processes re-parented after a kill, and none of other people's on this machine. Child
 * control planes started by tests are found by the root on their command line too.
 */
public final class LeftoverProcesses implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        List<String> left = find();
        if (!left.isEmpty()) {
            left.forEach(line -> System.err.println("leftover: " + line));
            throw new AssertionError("processes left by " + context.getDisplayName() + ": " + left);
        }
    }

    /** Live processes marked with a data directory under the test root, as "pid command". */
    public static List<String> find() {
        List<String> found = new ArrayList<>();
        for (Path entry : procEntriesMarkedWith(TestEnvironment.root())) {
            long pid = Long.parseLong(entry.getFileName().toString());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p ->
                    found.add(pid + " " + p.info().commandLine().orElse("?") + " " + sandboxMark(entry)));
        }
        return found;
    }

    /**
     * The /proc entries of processes (other than this JVM) marked with {@code dir} or a directory under it:
     * sandbox processes of a control plane whose data directory that is, and child control planes using it.
     */
    public static List<Path> procEntriesMarkedWith(Path dir) {
        String mark = dir.toAbsolutePath().toString();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(Long.toString(ProcessHandle.current().pid()))
                        && (contains(entry.resolve("environ"), "CLOUDBROWSER_OWNER=" + mark)
                        || contains(entry.resolve("cmdline"), mark))) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String sandboxMark(Path procEntry) {
        try {
            String environ = new String(Files.readAllBytes(procEntry.resolve("environ")), StandardCharsets.UTF_8);
            for (String variable : environ.split("\0")) {
                if (variable.startsWith("CLOUDBROWSER_SANDBOX=")) {
                    return variable;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /**
     * The browserd JVM of a session, warm-claimed or cold: the one whose stdout is the session's log
     * file ({@code <dataDir>/logs/<sessionId>.log}; a claim renames the pool sandbox's log to that).
     */
    public static ProcessHandle browserdOf(Path dataDir, String sessionId) {
        Path log = dataDir.toAbsolutePath().resolve("logs").resolve(sessionId + ".log");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                if (log.toString().equals(stdout(entry)) && contains(entry.resolve("cmdline"), "-jar")) {
                    return ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).orElseThrow();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no browserd writes " + log);
    }

    private static String stdout(Path procEntry) {
        try {
            return Files.readSymbolicLink(procEntry.resolve("fd").resolve("1")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The sandbox id a sandbox process is marked with. */
    public static String sandboxIdOf(ProcessHandle process) {
        try {
            String environ = Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ"),
                    StandardCharsets.ISO_8859_1);
            for (String variable : environ.split("\0")) {
                if (variable.startsWith("CLOUDBROWSER_SANDBOX=")) {
                    return variable.substring("CLOUDBROWSER_SANDBOX=".length());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("process " + process.pid() + " is not a sandbox's");
    }

    /** Live processes of one sandbox: marked with its id, or naming its directory (Chromium). */
    public static List<String> ofSandbox(String sandboxId) {
        return find().stream().filter(line -> line.contains(sandboxId)).toList();
    }

    private static boolean contains(Path procFile, String text) {
        try {
            return new String(Files.readAllBytes(procFile), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
