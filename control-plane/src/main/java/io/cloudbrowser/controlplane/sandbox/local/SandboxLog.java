package io.cloudbrowser.controlplane.sandbox.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox's stdout+stderr file. browserd writes straight into it (not through a pipe to us), so it
 * keeps running, and logging, when the control plane is killed; we read the file to find the port.
 */
final class SandboxLog {
    private static final Pattern LISTENING = Pattern.compile("browserd listening on (\\S+):(\\d{1,5})");
    private static final int TAIL_BYTES = 8192;

    private final Path file;
    private long readOffset;
    private final StringBuilder partialLine = new StringBuilder();

    /** Reads the file from its start: each sandbox has a file of its own. */
    SandboxLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The port of the first "browserd listening on host:port" line written since the last call. */
    OptionalInt findListeningPort() throws IOException {
        for (String line : readNewLines()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(2)));
            }
        }
        return OptionalInt.empty();
    }

    private List<String> readNewLines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= readOffset) {
                return List.of();
            }
            byte[] bytes = new byte[(int) Math.min(length - readOffset, 1 << 20)];
            in.seek(readOffset);
            in.readFully(bytes);
            readOffset += bytes.length;
            partialLine.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int lastNewline = partialLine.lastIndexOf("\n");
        if (lastNewline < 0) {
            return List.of();
        }
        List<String> lines = List.of(partialLine.substring(0, lastNewline).split("\n"));
        partialLine.delete(0, lastNewline + 1);
        return lines;
    }

    /** The last few lines, to say why a sandbox failed. */
    String tail(int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            Deque<String> last = new ArrayDeque<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return String.join(" | ", last);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
