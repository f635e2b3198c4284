package io.cloudbrowser.controlplane.testing;

import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where tests keep their data (one temporary root per test JVM: every sandbox the tests start is
 * marked with a data directory under it, which is how leftovers are found) and how they configure
 * a control plane: through the real {@link ConfigLoader}, with flags.
 */
public final class TestEnvironment {
    public static final String ALICE_KEY = "alice-key-0123456789";
    public static final String BOB_KEY = "bob-key-0123456789ab";
    private static final Path ROOT = createRoot();

    private TestEnvironment() {
    }

    public static Path root() {
        return ROOT;
    }

    public static Path newDataDir(String name) {
        try {
            return Files.createTempDirectory(ROOT, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browserd jar integration tests run (system property {@code browserd.jar}, set by the pom). */
    public static Path browserdJar() {
        return Path.of(System.getProperty("browserd.jar", "../browserd/target/browserd.jar")).toAbsolutePath();
    }

    /**
     * A config for a test control plane on a free port with users alice and bob, no warm pool unless
     * the extra flags say otherwise; sandboxes may browse loopback (tests serve their own pages).
     */
    public static Config config(Path dataDir, String... extraFlags) {
        List<String> args = new ArrayList<>(List.of(
                "--port", "0",
                "--data-dir", dataDir.toString(),
                "--api-keys", "alice:" + ALICE_KEY + ",bob:" + BOB_KEY,
                "--warm-pool-size", "0",
                "--browserd-jar", browserdJar().toString(),
                "--reaper-interval", "PT0.25S",
                "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*,localhost:*"));
        args.addAll(List.of(extraFlags));
        return ConfigLoader.load(Map.of(), args);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e);
        }
    }

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("cp-tests-");
            // Data directories hold databases, logs and an unpacked Playwright driver (~130 MB each).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
