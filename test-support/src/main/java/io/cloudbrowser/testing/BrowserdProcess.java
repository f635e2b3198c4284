package io.cloudbrowser.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * browserd as a child process, for exit codes, signals, cleanup and memory of its own: the real jar as production
 * runs it ({@link #jar}), or its main class on this JVM's classpath ({@link #mainClass}, for browserd's own tests).
 * It starts its own Xvfb (no {@code DISPLAY}); its output is kept, and copied to a log file when one is given.
 */
public final class BrowserdProcess implements Daemon {
    private static final Pattern LISTENING = Pattern.compile("browserd listening on [^:]+:(\\d+)");
    private static final Duration PORT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final DaemonSetup setup;
    private final Path log;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private BrowserdProcess(Process process, DaemonSetup setup, Path log) {
        this.process = process;
        this.setup = setup;
        this.log = log;
    }

    /** {@code java <javaOptions> -jar <jar>}: no JVM flags of the caller's, as production starts it. */
    public static List<String> jar(Path jar, List<String> javaOptions) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** {@code java -cp <this JVM's classpath> <mainClass>}. */
    public static List<String> mainClass(String mainClass) {
        return List.of(java(), "-cp", System.getProperty("java.class.path"), mainClass);
    }

    /**
     * Starts {@code command} with the setup's environment over this JVM's (minus {@code DISPLAY}) and returns at
     * once: {@link #awaitPort} waits for it to listen, {@link #process()} tells how it ended.
     *
     * @param log where the output is copied too, or null
     */
    public static BrowserdProcess start(List<String> command, DaemonSetup setup, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.environment().putAll(setup.env());
        BrowserdProcess daemon = new BrowserdProcess(builder.start(), setup, log);
        Thread reader = new Thread(daemon::readOutput, "browserd-output");
        reader.setDaemon(true);
        reader.start();
        return daemon;
    }

    /** A starter that runs {@link #jar} and waits up to {@code startTimeout} for it to listen. */
    public static DaemonStarter<BrowserdProcess> fromJar(Path jar, List<String> javaOptions, Path log,
                                                         Duration startTimeout) {
        return setup -> {
            BrowserdProcess daemon = start(jar(jar, javaOptions), setup, log);
            try {
                daemon.awaitPort(startTimeout);
                return daemon;
            } catch (RuntimeException e) {
                daemon.close();
                throw e;
            }
        };
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintStream copy = new PrintStream(log == null ? OutputStream.nullOutputStream() : Files.newOutputStream(log),
                     true, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                copy.println(line);
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException("browserd exited before listening: " + output));
    }

    /** Waits for the "listening" line and returns the bound port. */
    public int awaitPort(Duration timeout) {
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("browserd did not listen within " + timeout
                    + (log == null ? ": " + output : " (its output is in " + log + ")"), e);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The bound port, waiting up to 60 seconds for it. */
    @Override
    public int port() {
        return awaitPort(PORT_TIMEOUT);
    }

    @Override
    public DaemonSetup setup() {
        return setup;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Every line of its output so far. */
    public List<String> output() {
        return output;
    }

    /** Every process this daemon started (node driver, Chromium, Xvfb), as seen now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** SIGTERM, as an orchestrator stops it; its exit code (0 expected), or -1 if it had to be killed. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            close();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /** SIGKILL for it and everything it started that still runs. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
