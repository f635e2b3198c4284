package io.cloudbrowser.browserd.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** browserd as a real child process (java -cp <test classpath> Main), for exit codes, signals and cleanup. */
public final class ChildDaemon implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("browserd listening on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChildDaemon(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cloudbrowser.browserd.Main").redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        pb.environment().putAll(env);
        process = pb.start();
        Thread reader = new Thread(this::read, "child-daemon-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildDaemon start(Map<String, String> env) throws IOException {
        return new ChildDaemon(env);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException("browserd exited before listening: " + output));
    }

    /** Waits for the "listening" line and returns the bound port. */
    public int awaitPort() {
        return port.orTimeout(60, TimeUnit.SECONDS).join();
    }

    public Process process() {
        return process;
    }

    public List<String> output() {
        return output;
    }

    /** Every process this daemon started (node driver, Chromium, Xvfb), as seen now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
