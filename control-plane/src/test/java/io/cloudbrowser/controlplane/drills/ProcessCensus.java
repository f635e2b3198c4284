package io.cloudbrowser.controlplane.drills;

import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a control plane holds at one moment, read from /proc: its file descriptors and threads, its sandboxes'
 * directories, the processes (browserd, Chromium, Xvfb, Playwright's driver) of sandboxes that no longer exist
 * ("strays": a sandbox is gone when its directory is), and zombies among its children. Drills compare one taken
 * before with one taken after.
 */
record ProcessCensus(int fds, int threads, Set<String> sandboxes, List<String> strays, List<String> zombies) {
    private static final Pattern SANDBOX_DIR = Pattern.compile("/sandboxes/([^/\\x00]+)");

    static ProcessCensus of(ChildControlPlane cp) {
        long pid = cp.handle().pid();
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> sandboxes = names(cp.dataDir().resolve("sandboxes"));
        List<String> strays = new ArrayList<>();
        for (Path entry : LeftoverProcesses.procEntriesMarkedWith(cp.dataDir())) {
            if (entry.getFileName().toString().equals(Long.toString(pid))) {
                continue;
            }
            String owner = sandboxOf(entry);
            if (owner == null || !sandboxes.contains(owner)) {
                strays.add(entry.getFileName() + " " + firstWord(entry.resolve("cmdline")) + " (sandbox " + owner + ")");
            }
        }
        return new ProcessCensus(count(proc.resolve("fd")), threads(proc), sandboxes, strays, zombiesOf(pid));
    }

    /** The control plane's threads by name (as /proc shows them: at most 15 characters), for a drill that failed. */
    static Map<String, Long> threadNames(ChildControlPlane cp) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(cp.handle().pid()), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                } catch (IOException e) {
                    return "?";
                }
            }).collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** No process or zombie of an ended sandbox is left. */
    boolean noStrays() {
        return strays.isEmpty() && zombies.isEmpty();
    }

    @Override
    public String toString() {
        return "fds " + fds + ", threads " + threads + ", sandboxes " + sandboxes.size() + ", stray processes "
                + strays.size() + ", zombies " + zombies.size();
    }

    /** The sandbox a process belongs to: its CLOUDBROWSER_SANDBOX mark, or the sandbox directory its command names. */
    private static String sandboxOf(Path procEntry) {
        try {
            for (String variable : Files.readString(procEntry.resolve("environ"), StandardCharsets.ISO_8859_1).split("\0")) {
                if (variable.startsWith("CLOUDBROWSER_SANDBOX=")) {
                    return variable.substring("CLOUDBROWSER_SANDBOX=".length());
                }
            }
            Matcher m = SANDBOX_DIR.matcher(Files.readString(procEntry.resolve("cmdline"), StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Set<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static int count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int threads(Path proc) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Threads:"))
                    .map(l -> Integer.parseInt(l.substring(8).trim())).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Children of {@code parent} in state Z: exited but never reaped. */
    private static List<String> zombiesOf(long parent) {
        List<String> zombies = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'
                String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (after[0].equals("Z") && Long.parseLong(after[1]) == parent) {
                    zombies.add(entry.getFileName() + " " + stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return zombies;
    }

    private static String firstWord(Path cmdline) {
        try {
            String s = Files.readString(cmdline);
            int nul = s.indexOf('\0');
            return nul < 0 ? s : s.substring(0, nul);
        } catch (IOException e) {
            return "?";
        }
    }
}
