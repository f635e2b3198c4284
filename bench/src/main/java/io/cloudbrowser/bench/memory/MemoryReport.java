package io.cloudbrowser.bench.memory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory of a browserd process and its descendants, grouped into browserd's JVM, Chromium, the Playwright node
 * driver and Xvfb. PSS (private pages plus a share of each shared page) adds up across processes without counting
 * shared libraries twice, unlike RSS; but the share depends on every process on the machine mapping the same file
 * (other Chromiums), so USS (private pages only: what ending the session frees) is kept beside it.
 */
public final class MemoryReport {
    /** One group of processes. */
    public record Part(String name, int processes, long pssKb, long rssKb, long ussKb) {
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();

    private MemoryReport() {
    }

    public static MemoryReport of(long browserdPid) throws IOException {
        MemoryReport r = new MemoryReport();
        for (String name : List.of("browserd (JVM)", "Chromium", "Playwright driver (node)", "Xvfb")) {
            r.parts.put(name, new Part(name, 0, 0, 0, 0));
        }
        for (long pid : ProcessTree.of(browserdPid)) {
            String group = pid == browserdPid ? "browserd (JVM)" : groupOf(ProcessTree.executable(pid));
            long[] m = ProcessTree.pssRssUssKb(pid);
            Part p = r.parts.getOrDefault(group, new Part(group, 0, 0, 0, 0));
            r.parts.put(group, new Part(group, p.processes() + 1, p.pssKb() + m[0], p.rssKb() + m[1], p.ussKb() + m[2]));
        }
        return r;
    }

    private static String groupOf(String exe) {
        String file = exe.substring(exe.lastIndexOf('/') + 1);
        if (file.equals("Xvfb")) {
            return "Xvfb";
        } else if (file.equals("node")) {
            return "Playwright driver (node)";
        } else if (exe.contains("chromium") || file.startsWith("chrome")) {
            return "Chromium";
        }
        return "other (" + file + ")";
    }

    public List<Part> parts() {
        return List.copyOf(parts.values());
    }

    public long totalPssKb() {
        return parts.values().stream().mapToLong(Part::pssKb).sum();
    }

    public long totalUssKb() {
        return parts.values().stream().mapToLong(Part::ussKb).sum();
    }

    public long totalRssKb() {
        return parts.values().stream().mapToLong(Part::rssKb).sum();
    }
}
