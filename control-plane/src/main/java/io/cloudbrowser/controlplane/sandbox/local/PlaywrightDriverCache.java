package io.cloudbrowser.controlplane.sandbox.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playwright for Java unpacks its driver (Node.js and the Playwright package, ~130 MB) into a fresh
 * temporary directory on every start: about 1.5-2 s of each cold sandbox start here. Unpacked once
 * from the browserd jar into the data directory and named by {@code PLAYWRIGHT_DRIVER_DIR}, every
 * sandbox reuses it. When the jar holds no driver in the expected layout, nothing is set and
 * browserd unpacks its own as before.
 */
final class PlaywrightDriverCache {
    private static final Logger log = LoggerFactory.getLogger(PlaywrightDriverCache.class);
    private static final String PACKAGE = "driver/package/";

    private PlaywrightDriverCache() {
    }

    /** The unpacked driver for this jar, unpacking it on first use; empty if the jar has none. */
    static Optional<Path> prepare(Path browserdJar, Path cacheRoot) {
        Optional<String> platform = platform();
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = cacheRoot.resolve("driver-" + Files.size(browserdJar) + "-"
                    + Files.getLastModifiedTime(browserdJar).toMillis());
            if (Files.isRegularFile(dir.resolve("package").resolve("cli.js"))) {
                return Optional.of(dir);
            }
            return unpack(browserdJar, platform.get(), cacheRoot, dir);
        } catch (IOException e) {
            log.warn("cannot unpack the Playwright driver from {}; each sandbox unpacks its own: {}", browserdJar,
                    e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Path> unpack(Path jar, String platform, Path cacheRoot, Path dir) throws IOException {
        String node = "driver/" + platform + "/node";
        Path temp = Files.createDirectories(cacheRoot).resolve(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        LocalSandboxProvider.deleteTree(temp);
        boolean nodeFound = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().startsWith(PACKAGE)) {
                    copy(zip, entry, temp, "package/" + entry.getName().substring(PACKAGE.length()));
                } else if (entry.getName().equals(node)) {
                    copy(zip, entry, temp, "node");
                    nodeFound = temp.resolve("node").toFile().setExecutable(true);
                }
            }
        }
        if (!nodeFound || !Files.isRegularFile(temp.resolve("package").resolve("cli.js"))) {
            LocalSandboxProvider.deleteTree(temp);
            return Optional.empty();
        }
        // Renamed whole, so a half-unpacked driver is never used; older ones go.
        try (var old = Files.list(cacheRoot)) {
            old.filter(p -> p.getFileName().toString().startsWith("driver-") && !p.equals(temp))
                    .forEach(LocalSandboxProvider::deleteTree);
        }
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        log.info("unpacked the Playwright driver for sandboxes into {}", dir);
        return Optional.of(dir);
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("entry escapes the driver directory: " + entry.getName());
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Playwright's name for this machine's driver directory. */
    private static Optional<String> platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean arm = System.getProperty("os.arch").toLowerCase(Locale.ROOT).matches("aarch64|arm64");
        if (os.contains("linux")) {
            return Optional.of(arm ? "linux-arm64" : "linux");
        }
        if (os.contains("mac")) {
            return Optional.of(arm ? "mac-arm64" : "mac");
        }
        return Optional.empty();
    }
}
