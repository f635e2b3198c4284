package io.cloudbrowser.controlplane.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The peer the jobs benchmark stands beside: browserless ({@code @browserless.io/browserless} 2.42 from npm),
 * installed once into {@code control-plane/target/bench-browserless}, with only its {@code chromium} and
 * {@code management} routes (as its official chromium image keeps), pointed at Debian's Chromium through
 * playwright-core's browser path ({@code chromium-<rev>/chrome-linux64/chrome} linked to /usr/bin/chromium).
 */
final class Browserless implements AutoCloseable {
    private static final String VERSION = "2.42";
    private static final String TOKEN = "bench-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int port;

    private Browserless(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Browserless start(Path dir) throws Exception {
        Path app = dir.resolve("node_modules/@browserless.io/browserless");
        if (!Files.isDirectory(app)) {
            Files.createDirectories(dir);
            run(dir, "npm", "install", "--no-audit", "--no-fund", "@browserless.io/browserless@" + VERSION);
        }
        for (String route : List.of("chrome", "edge", "firefox", "webkit")) {
            ControlPlaneBenchmark.deleteTree(app.resolve("build/routes").resolve(route));
        }
        Path nested = app.resolve("node_modules/playwright-core");
        if (!Files.exists(nested)) {
            Files.createDirectories(nested.getParent());
            Files.createSymbolicLink(nested, dir.resolve("node_modules/playwright-core").toAbsolutePath());
        }
        String revision = new ObjectMapper().readTree(dir.resolve("node_modules/playwright-core/browsers.json").toFile())
                .path("browsers").findValues("revision").get(0).asText();
        Path chrome = dir.resolve("browsers/chromium-" + revision + "/chrome-linux64/chrome");
        if (!Files.exists(chrome)) {
            Files.createDirectories(chrome.getParent());
            Files.createSymbolicLink(chrome, Path.of("/usr/bin/chromium"));
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", "build/index.js").directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("browserless.log").toFile());
        builder.environment().putAll(Map.of("PLAYWRIGHT_BROWSERS_PATH", dir.resolve("browsers").toAbsolutePath()
                .toString(), "HOST", "127.0.0.1", "PORT", Integer.toString(port), "TOKEN", TOKEN,
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "CONCURRENT", "10"));
        Browserless started = new Browserless(builder.start(), port);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(started.base() + "/meta?token=" + TOKEN)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return started;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code POST /chromium/screenshot} of the page; the PNG's size, or an exception. */
    long screenshot(String url, int w, int h) throws IOException, InterruptedException {
        String body = "{\"url\":\"" + url + "\",\"viewport\":{\"width\":" + w + ",\"height\":" + h
                + "},\"options\":{\"type\":\"png\"}}";
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/chromium/screenshot?token="
                + TOKEN)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("browserless answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body().length;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1");
        if (builder.start().waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir);
        }
    }

    @Override
    public void close() {
        process.destroy();
        process.onExit().join();
    }
}
