package io.cloudbrowser.controlplane.testing;

import io.cloudbrowser.controlplane.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A control plane in a JVM of its own ({@link Main} on the test classpath), so a test can kill it
 * with SIGKILL as a crash would, and start another on the same data directory.
 */
public final class ChildControlPlane {
    private static final Pattern LISTENING = Pattern.compile("control plane listening on (http://\\S+)");

    private final Process process;
    private final URI publicUrl;
    private final Path dataDir;

    private ChildControlPlane(Process process, URI publicUrl, Path dataDir) {
        this.process = process;
        this.publicUrl = publicUrl;
        this.dataDir = dataDir;
    }

    /** How a control plane that was expected to refuse to start ended. */
    public record Exited(int code, List<String> output) {
    }

    /** Runs {@link Main} with this environment and these flags and waits for it to exit on its own. */
    public static Exited runToExit(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(javaMain());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the control plane did not exit: " + new String(out, StandardCharsets.UTF_8));
            }
            return new Exited(process.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> javaMain() {
        return List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
    }

    public static ChildControlPlane start(Path dataDir, String name, String... extraFlags) {
        return start(dataDir, name, Map.of(), extraFlags);
    }

    /** @param env added to the test JVM's environment for the control plane */
    public static ChildControlPlane start(Path dataDir, String name, Map<String, String> env, String... extraFlags) {
        List<String> command = new ArrayList<>(javaMain());
        command.addAll(List.of(
                "--port", "0",
                "--data-dir", dataDir.toString(),
                "--api-keys", "alice:" + TestEnvironment.ALICE_KEY,
                "--browserd-jar", TestEnvironment.browserdJar().toString(),
                "--reaper-interval", "PT0.25S"));
        command.addAll(List.of(extraFlags));
        Path out = dataDir.resolve(name + ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            String[] url = new String[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("control plane exited: " + Files.readString(out));
                }
                Matcher m = LISTENING.matcher(Files.readString(out));
                if (m.find()) {
                    url[0] = m.group(1);
                }
                return url[0] != null;
            });
            return new ChildControlPlane(process, URI.create(url[0]), dataDir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The control plane's process, for what /proc tells about it (descriptors, threads, children). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL: no shutdown hook runs, sandboxes stay behind as after a crash. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /** SIGTERM: the shutdown hook stops every sandbox before the JVM exits. */
    public void stop() {
        process.destroy();
        process.onExit().join();
    }
}
