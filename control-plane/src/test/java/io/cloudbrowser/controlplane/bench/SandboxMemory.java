package io.cloudbrowser.controlplane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and CPU of each sandbox from /proc: every process of a sandbox (browserd, Playwright's
 * driver, Xvfb, Chromium and its helpers) summed. PSS counts shared pages (Chromium's, the JVM's)
 * once across all processes, so sums over sandboxes add up to what the machine really spends.
 */
final class SandboxMemory {
    private static final Pattern SANDBOX_IN_PATH = Pattern.compile("/sandboxes/(sb-[0-9a-f]+)");
    private static final Pattern PSS = Pattern.compile("(?m)^Pss:\\s+(\\d+) kB");

    private SandboxMemory() {
    }

    /** What one sandbox costs: PSS in kB and CPU ticks consumed so far. */
    record Usage(long pssKb, long cpuTicks, int processes) {
        Usage plus(Usage other) {
            return new Usage(pssKb + other.pssKb, cpuTicks + other.cpuTicks, processes + other.processes);
        }
    }

    static Map<String, Usage> bySandbox(Path dataDir) throws IOException {
        Map<String, Usage> usage = new HashMap<>();
        String owner = "CLOUDBROWSER_OWNER=" + dataDir;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                String sandbox = sandboxOf(entry, owner);
                if (sandbox != null) {
                    usage.merge(sandbox, usageOf(entry), Usage::plus);
                }
            }
        }
        return usage;
    }

    private static String sandboxOf(Path entry, String owner) {
        String environ = read(entry.resolve("environ"));
        if (environ.contains(owner + "\0")) {
            for (String variable : environ.split("\0")) {
                if (variable.startsWith("CLOUDBROWSER_SANDBOX=")) {
                    return variable.substring("CLOUDBROWSER_SANDBOX=".length());
                }
            }
        }
        String commandLine = read(entry.resolve("cmdline"));
        Matcher m = SANDBOX_IN_PATH.matcher(commandLine);
        String ownerDir = owner.substring("CLOUDBROWSER_OWNER=".length());
        return commandLine.contains(ownerDir + "/sandboxes/") && m.find() ? m.group(1) : null;
    }

    private static Usage usageOf(Path entry) {
        Matcher pss = PSS.matcher(read(entry.resolve("smaps_rollup")));
        String[] stat = read(entry.resolve("stat")).replaceFirst(".*\\) ", "").split(" ");
        long ticks = stat.length > 12 ? Long.parseLong(stat[11]) + Long.parseLong(stat[12]) : 0;
        return new Usage(pss.find() ? Long.parseLong(pss.group(1)) : 0, ticks, 1);
    }

    /** PSS of one process in kB (the control plane itself). */
    static long pssKb(long pid) {
        Matcher pss = PSS.matcher(read(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
        return pss.find() ? Long.parseLong(pss.group(1)) : 0;
    }

    static long memAvailableKb() {
        Matcher m = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB").matcher(read(Path.of("/proc/meminfo")));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
