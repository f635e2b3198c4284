package io.cloudbrowser.controlplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.SnapshotRefs;
import io.cloudbrowser.testing.WsClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our MCP server beside playwright-mcp ({@code @playwright/mcp}, Streamable HTTP, Debian's Chromium, headless), in
 * the same run, on the same small loopback page, both driven by the MCP Java SDK client; and our MCP {@code state}
 * beside the same command over the session's WebSocket. Run: {@code bash control-plane/mcp-bench.sh} (README
 * "Benchmark"); it installs playwright-mcp into {@code control-plane/target/mcp-bench}. System properties:
 * {@code bench.samples} (40), {@code bench.playwrightMcp} (its cli.js), {@code browserd.jar}.
 */
public final class McpBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "<title>Bench</title><h1>Sign up</h1><p>A short form to measure agents on.</p>"
            + "<nav><a href='#a'>About</a> <a href='#b'>Blog</a> <a href='#c'>Contact</a></nav>"
            + "<form onsubmit='event.preventDefault()'><label>Name <input name=n></label>"
            + "<label>Email <input name=e type=email></label><select name=s><option>one</option><option>two</option></select>"
            + "<label><input type=checkbox> agree</label></form>"
            + "<button onclick=\"count.textContent = +count.textContent + 1\">Add one</button> <span id=count>0</span>"
            + "<ul><li>first item</li><li>second item</li><li>third item</li></ul><footer>small print</footer>";

    private McpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 40);
        Path root = Files.createTempDirectory("mcp-bench-");
        PageServer pages = new PageServer().page("/form", PAGE);
        String url = pages.url("/form");
        Process peer = null;
        System.out.printf("MCP benchmark: %d cores, load average %s, %d samples per figure%n",
                Runtime.getRuntime().availableProcessors(), ControlPlaneBenchmark.loadAverage(), samples);
        try (ControlPlane plane = start(root)) {
            int peerPort = freePort();
            peer = new ProcessBuilder("node", System.getProperty("bench.playwrightMcp"), "--port", String.valueOf(peerPort),
                    "--host", "127.0.0.1", "--allowed-hosts", "127.0.0.1:" + peerPort, "--headless", "--executable-path", "/usr/bin/chromium", "--no-sandbox",
                    "--isolated", "--viewport-size", "1280x720", "--output-dir", root.resolve("peer").toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("playwright-mcp.log").toFile()).start();
            awaitPort(peerPort);
            try (McpSyncClient ours = client(plane.publicUrl().toString(), Map.of("Authorization", "Bearer " + KEY));
                 McpSyncClient theirs = client("http://127.0.0.1:" + peerPort, Map.of())) {
                String session = JSON.readTree(text(ours.callTool(request("session_create", Map.of(
                        "viewport", Map.of("w", 1280, "h", 720)))))).path("id").asText();
                Side us = new Side("cloudbrowser", ours, session);
                Side peerSide = new Side("playwright-mcp", theirs, null);
                Map<String, double[]> table = new LinkedHashMap<>();
                run(table, "navigate", samples, () -> us.call("navigate", "url", url), () -> peerSide.call("browser_navigate", "url", url));
                run(table, "snapshot", samples, () -> us.call("snapshot"), () -> peerSide.call("browser_snapshot"));
                String ourSnap = text(us.result("snapshot"));
                String theirSnap = text(peerSide.result("browser_snapshot"));
                String ourButton = SnapshotRefs.ref(ourSnap, "button \"Add one\"");
                String ourBox = SnapshotRefs.ref(ourSnap, "textbox \"Name\"");
                String theirButton = SnapshotRefs.ref(theirSnap, "button \"Add one\"");
                String theirBox = SnapshotRefs.ref(theirSnap, "textbox \"Name\"");
                run(table, "click by ref", samples, () -> us.call("click", "ref", ourButton),
                        () -> peerSide.call("browser_click", "target", theirButton, "element", "Add one button"));
                run(table, "type by ref", samples, () -> us.call("type", "ref", ourBox, "text", "hello"),
                        () -> peerSide.call("browser_type", "target", theirBox, "element", "Name box", "text", "hello"));
                run(table, "screenshot", samples, () -> us.call("screenshot"), () -> peerSide.call("browser_take_screenshot"));
                double wsState = wsState(plane, session, samples);
                double mcpState = percentile(times(samples, () -> us.call("state")));
                double rawState = rawState(plane, session, samples);
                double sdkPing = percentile(times(samples, ours::ping));
                us.call("session_end");
                print(table, ourSnap, theirSnap, mcpState, wsState);
                System.out.printf("%nwhere MCP's time goes: state as a bare JSON-RPC POST (JDK HttpClient, no SDK) %.1f ms; "
                        + "the SDK client's ping (no tool, no browser) %.1f ms%n", rawState, sdkPing);
            }
        } finally {
            if (peer != null) {
                peer.destroy();
                peer.waitFor(10, TimeUnit.SECONDS);
            }
            pages.close();
            ControlPlaneBenchmark.deleteTree(root);
        }
    }

    /** One MCP server and how its tools are called. */
    private record Side(String name, McpSyncClient client, String session) {
        McpSchema.CallToolResult result(String tool, Object... args) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (session != null) {
                arguments.put("sessionId", session);
            }
            for (int i = 0; i < args.length; i += 2) {
                arguments.put((String) args[i], args[i + 1]);
            }
            McpSchema.CallToolResult r = client.callTool(request(tool, arguments));
            if (Boolean.TRUE.equals(r.isError())) {
                throw new IllegalStateException(name + " " + tool + " failed: " + r);
            }
            return r;
        }

        void call(String tool, Object... args) {
            result(tool, args);
        }
    }

    /** Warm-up, then blocks of 5 calls alternating between the sides, so load drift hits both. */
    private static void run(Map<String, double[]> table, String figure, int samples, Runnable ours, Runnable theirs) {
        times(5, ours);
        times(5, theirs);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < samples; i += 5) {
            a.addAll(times(5, ours));
            b.addAll(times(5, theirs));
        }
        table.put(figure, new double[] {percentile(a), percentile(b)});
        System.err.printf("%s: %.1f ms vs %.1f ms%n", figure, percentile(a), percentile(b));
    }

    private static List<Double> times(int n, Runnable call) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run();
            out.add((System.nanoTime() - t0) / 1e6);
        }
        return out;
    }

    /** {@code state} over the session's WebSocket (the gateway URL a script uses), p50 in ms. */
    private static double wsState(ControlPlane plane, String session, int samples) throws Exception {
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                plane.publicUrl().resolve("/api/sessions/" + session + "/tokens")).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"controller\"}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode minted = JSON.readTree(token.body());
        try (WsClient ws = WsClient.connect(minted.path("wsUrl").asText(), minted.path("token").asText())) {
            ws.event("ready");
            ws.send("{\"type\":\"stream\",\"paused\":true}");
            Runnable state = () -> ws.commandAsync("state", WsClient.obj()).join();
            times(30, state);
            return percentile(times(samples, state));
        }
    }

    /** {@code tools/call state} as one plain HTTP POST: our server's share without the SDK client's. */
    private static double rawState(ControlPlane plane, String session, int samples) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(plane.publicUrl().resolve("/mcp"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"state\",\"arguments\":{\"sessionId\":\"" + session + "\"}}}")).build();
        Runnable call = () -> {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || r.body().contains("isError")) {
                    throw new IllegalStateException(r.body());
                }
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        times(30, call);
        return percentile(times(samples, call));
    }

    private static void print(Map<String, double[]> table, String ourSnap, String theirSnap, double mcpState, double wsState) {
        System.out.println();
        System.out.println("| figure (p50) | cloudbrowser MCP | playwright-mcp | ratio | target | result |");
        System.out.println("|---|---|---|---|---|---|");
        table.forEach((figure, v) -> System.out.printf("| %s | %.1f ms | %.1f ms | %.2f | <= 1.00 | %s |%n",
                figure, v[0], v[1], v[0] / v[1], v[0] <= v[1] ? "pass" : "MISS"));
        int ours = ourSnap.getBytes(StandardCharsets.UTF_8).length;
        int theirs = theirSnap.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("| snapshot size | %d B | %d B | %.2f | <= 1.00 | %s |%n", ours, theirs, (double) ours / theirs,
                ours <= theirs ? "pass" : "MISS");
        System.out.printf("| state: MCP vs WebSocket | %.1f ms | %.1f ms (WebSocket) | +%.1f ms | <= +3 ms | %s |%n",
                mcpState, wsState, mcpState - wsState, mcpState - wsState <= 3 ? "pass" : "MISS");
        System.out.printf("%nload average after: %s%n", loadAverage());
        System.out.println("\nour snapshot:\n" + ourSnap + "\n\nplaywright-mcp's snapshot:\n" + theirSnap);
    }

    private static String loadAverage() {
        try {
            return ControlPlaneBenchmark.loadAverage();
        } catch (Exception e) {
            return "?";
        }
    }

    private static ControlPlane start(Path dataDir) {
        return Main.newServer(ConfigLoader.load(Map.of(), List.of(
                "--port", "0", "--data-dir", dataDir.toString(), "--api-keys", "bench:" + KEY,
                "--warm-pool-size", "0", "--rate-limit", "100000000", "--rate-burst", "100000000",
                "--sandbox-env", "BROWSERD_HEADLESS=true", "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*",
                "--browserd-jar", Path.of(System.getProperty("browserd.jar", "browserd/target/browserd.jar"))
                        .toAbsolutePath().toString())));
    }

    private static McpSyncClient client(String base, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .requestBuilder(request).build()).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private static McpSchema.CallToolRequest request(String tool, Map<String, Object> args) {
        return new McpSchema.CallToolRequest(tool, args);
    }

    private static String text(McpSchema.CallToolResult r) {
        StringBuilder out = new StringBuilder();
        for (McpSchema.Content c : r.content()) {
            if (c instanceof McpSchema.TextContent t) {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    private static double percentile(List<Double> millis) {
        return ControlPlaneBenchmark.percentile(millis.stream().sorted().toList(), 50);
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("playwright-mcp did not listen on " + port + " within 30 s");
    }
}
