package io.cloudbrowser.controlplane.sandbox.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every sandbox process carries two environment variables, inherited by all it starts (the JVM,
 * Playwright's driver, Chromium and its helpers, Xvfb). Reading them back from /proc finds a
 * sandbox's processes even after they were re-parented: after browserd was killed, or after the
 * control plane itself was.
 */
final class ProcessMarks {
    /** Identifies the control plane (its data directory): one machine may run several. */
    static final String OWNER = "CLOUDBROWSER_OWNER";
    static final String SANDBOX = "CLOUDBROWSER_SANDBOX";

    private static final Path PROC = Path.of("/proc");
    private static final int MAX_ENVIRON_BYTES = 256 * 1024;

    private ProcessMarks() {
    }

    /** Whether /proc can be read here (Linux); without it only process descendants are found. */
    static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** Live processes of {@code owner}, by sandbox id. */
    static Map<String, List<ProcessHandle>> scan(String owner) {
        Map<String, List<ProcessHandle>> bySandbox = new HashMap<>();
        if (!supported()) {
            return bySandbox;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                sandboxOf(entry, owner).ifPresent(sandbox -> ProcessHandle.of(pid).ifPresent(
                        handle -> bySandbox.computeIfAbsent(sandbox, k -> new ArrayList<>()).add(handle)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return bySandbox;
    }

    static List<ProcessHandle> scan(String owner, String sandboxId) {
        return scan(owner).getOrDefault(sandboxId, List.of());
    }

    private static Optional<String> sandboxOf(Path procEntry, String owner) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(procEntry.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or not ours to read
        }
        String text = new String(environ, 0, Math.min(environ.length, MAX_ENVIRON_BYTES), StandardCharsets.UTF_8);
        String ownerEntry = OWNER + "=" + owner;
        String sandbox = null;
        boolean ownerMatches = false;
        for (String variable : text.split("\0")) {
            if (variable.equals(ownerEntry)) {
                ownerMatches = true;
            } else if (variable.startsWith(SANDBOX + "=")) {
                sandbox = variable.substring(SANDBOX.length() + 1);
            }
        }
        return ownerMatches && sandbox != null ? Optional.of(sandbox) : Optional.empty();
    }
}
