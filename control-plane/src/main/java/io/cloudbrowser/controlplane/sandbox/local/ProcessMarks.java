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
 * Finds a sandbox's processes from /proc, even after they were re-parented (browserd killed, or the
 * control plane itself): browserd, Playwright's driver and Xvfb inherit two environment variables
 * we set; Chromium gets a fresh environment from Playwright, but its command line names its profile
 * directory, which lies in the sandbox's own temporary directory ({@code <owner>/sandboxes/<id>/}).
 */
final class ProcessMarks {
    /** Identifies the control plane (its data directory): one machine may run several. */
    static final String OWNER = "CLOUDBROWSER_OWNER";
    static final String SANDBOX = "CLOUDBROWSER_SANDBOX";

    private static final Path PROC = Path.of("/proc");
    private static final int MAX_PROC_FILE_BYTES = 256 * 1024;

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
        return markedSandbox(procEntry, owner).or(() -> sandboxInCommandLine(procEntry, owner));
    }

    private static Optional<String> sandboxInCommandLine(Path procEntry, String owner) {
        String commandLine = read(procEntry.resolve("cmdline"));
        String prefix = Path.of(owner, "sandboxes") + "/";
        int at = commandLine.indexOf(prefix);
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + prefix.length();
        int end = start;
        while (end < commandLine.length() && commandLine.charAt(end) != '/' && commandLine.charAt(end) != '\0') {
            end++;
        }
        return end > start ? Optional.of(commandLine.substring(start, end)) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, 0, Math.min(bytes.length, MAX_PROC_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return ""; // gone meanwhile, or not ours to read
        }
    }

    private static Optional<String> markedSandbox(Path procEntry, String owner) {
        String text = read(procEntry.resolve("environ"));
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
