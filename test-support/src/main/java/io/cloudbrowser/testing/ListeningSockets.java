package io.cloudbrowser.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a group of processes listens on, read from {@code /proc} as {@code ss -ltnp} would: each
 * process's socket inodes matched against the kernel's TCP tables. Lets a test find every port a daemon and the
 * browser it started opened, without the daemon telling.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** The listening addresses of {@code processes} (each one's sockets; children are not included by themselves). */
    public static List<InetSocketAddress> of(List<ProcessHandle> processes) {
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle p : processes) {
            inodes.addAll(socketInodes(p.pid()));
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    out.add(address(f[1]));
                }
            }
        }
        return out;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            });
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            List<String> all = Files.readAllLines(table);
            return all.subList(Math.min(1, all.size()), all.size()); // the header
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 0100007F:1F90}: the address as the kernel stores it (each 32-bit word in host order), a hex port. */
    private static InetSocketAddress address(String field) {
        int colon = field.indexOf(':');
        String hex = field.substring(0, colon);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = (word * 4 + b) * 2;
                bytes[word * 4 + 3 - b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(field.substring(colon + 1), 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + field, e);
        }
    }
}
