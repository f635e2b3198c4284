package io.cloudbrowser.bench.memory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A process and all its descendants, read from /proc (Linux only). */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /** {@code root} first, then every descendant, breadth first. */
    static List<Long> of(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                long ppid = parentOf(dir);
                if (ppid > 0) {
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        }
        List<Long> out = new ArrayList<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.removeFirst();
            out.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return out;
    }

    /** The ppid field of /proc/pid/stat; the command name before it may hold spaces and parentheses. */
    private static long parentOf(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // the process ended while we looked
        }
    }

    /** The executable's path, or the command name when the link cannot be read. */
    static String executable(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            return Files.readSymbolicLink(dir.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            try {
                return Files.readString(dir.resolve("comm")).trim();
            } catch (IOException gone) {
                return "?";
            }
        }
    }

    /**
     * {@code Pss}, {@code Rss} and USS ({@code Private_Clean + Private_Dirty}) from /proc/pid/smaps_rollup, in kB;
     * zeros if the process is gone.
     */
    static long[] pssRssUssKb(long pid) {
        long pss = 0;
        long rss = 0;
        long uss = 0;
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    pss = kb(line);
                } else if (line.startsWith("Rss:")) {
                    rss = kb(line);
                } else if (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:")) {
                    uss += kb(line);
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0, 0};
        }
        return new long[] {pss, rss, uss};
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
