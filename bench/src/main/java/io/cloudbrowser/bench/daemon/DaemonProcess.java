package io.cloudbrowser.bench.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code browserd.jar} in a child process, as production runs it ({@code java -jar}, no JVM flags), so
 * its memory is its own and its JIT and GC do not share the benchmark's JVM. Its output goes to a log file.
 */
public final class DaemonProcess implements AutoCloseable {
    public static final String SESSION = "s-bench";
    private static final Pattern LISTENING = Pattern.compile("browserd listening on [^:]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private DaemonProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the daemon with its own Xvfb (no DISPLAY) and waits for its listening line.
     *
     * @param javaOptions JVM options before {@code -jar}, normally none; for profiling (JFR, GC logs)
     */
    public static DaemonProcess start(Path jar, List<String> javaOptions, Path chromium, String publicKeyPem,
                                      String urlPolicy, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("DISPLAY");
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.putAll(Map.of("BROWSERD_PORT", "0", "BROWSERD_SESSION_ID", SESSION, "BROWSERD_JWT_PUBLIC_KEY", publicKeyPem,
                "BROWSERD_URL_POLICY", urlPolicy, "CHROMIUM_PATH", chromium.toString(),
                "BROWSERD_IDLE_TIMEOUT", "1800", "BROWSERD_MAX_LIFETIME", "3600"));
        Process p = pb.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyOutput(p, log, port), "browserd-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new DaemonProcess(p, port.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("browserd did not report its port (see " + log + "): " + e.getMessage(), e);
        }
    }

    private static void copyOutput(Process p, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("browserd exited before listening"));
    }

    public long pid() {
        return process.pid();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    public JsonNode health() throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGTERM, as an orchestrator stops it; returns the exit code (0 expected). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
