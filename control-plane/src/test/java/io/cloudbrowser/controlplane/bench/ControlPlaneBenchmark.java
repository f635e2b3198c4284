package io.cloudbrowser.controlplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import io.cloudbrowser.controlplane.testing.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The benchmark, against real browserd sandboxes on this machine:
 * <ol>
 *   <li>create -> ready latency from the warm pool, p50/p95 over 20 sessions (pool refilled between);
 *   <li>the same cold (no pool), 20 sessions;
 *   <li>GET /api/sessions/:id throughput with wrk (Debian's {@code wrk}: 2 threads, 64 connections,
 *       10 s after a 5 s warm-up), rate limits lifted for the run;
 *   <li>memory (PSS) and idle CPU per idle session with N sessions open, and what that allows here.
 * </ol>
 * Run: {@code mvn -q -pl control-plane -am test-compile exec:exec@bench} (see README). System properties:
 * {@code bench.sessions} (20), {@code bench.idleSessions} (10), {@code browserd.jar}.
 */
public final class ControlPlaneBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private ControlPlaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        int idle = Integer.getInteger("bench.idleSessions", 10);
        Path root = Files.createTempDirectory("cp-bench-");
        System.out.printf("control-plane benchmark: %d cores, load average %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (ControlPlane warm = start(root.resolve("warm"), "1")) {
            report("warm create->ready", createLatencies(warm, sessions, true));
        }
        try (ControlPlane cold = start(root.resolve("cold"), "0")) {
            report("cold create->ready", createLatencies(cold, sessions, false));
            throughput(cold);
            idleFootprint(cold, root.resolve("cold"), idle);
        } finally {
            deleteTree(root);
        }
    }

    private static ControlPlane start(Path dataDir, String poolSize) {
        return Main.newServer(ConfigLoader.load(Map.of(), List.of(
                "--port", "0", "--data-dir", dataDir.toString(), "--api-keys", "bench:" + KEY,
                "--warm-pool-size", poolSize, "--max-sessions", "200", "--max-sessions-per-user", "200",
                "--rate-limit", "100000000", "--rate-burst", "100000000",
                "--browserd-jar", Path.of(System.getProperty("browserd.jar", "browserd/target/browserd.jar"))
                        .toAbsolutePath().toString())));
    }

    /** One unmeasured session first (JIT, driver unpacking), then {@code count} measured ones. */
    private static List<Double> createLatencies(ControlPlane plane, int count, boolean warm) {
        ApiClient api = new ApiClient(plane.publicUrl(), KEY);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            if (warm) {
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> api.get("/health").body().path("warmPoolReady").asInt() == 1);
            }
            long start = System.nanoTime();
            JsonNode session = api.createSession("{}");
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (session.path("fromWarmPool").asBoolean() != warm) {
                throw new IllegalStateException("expected fromWarmPool=" + warm + ": " + session);
            }
            if (i > 0) {
                millis.add(elapsed);
            }
            api.delete("/api/sessions/" + session.path("id").asText());
        }
        return millis;
    }

    private static void throughput(ControlPlane plane) throws Exception {
        ApiClient api = new ApiClient(plane.publicUrl(), KEY);
        String id = api.createSession("{}").path("id").asText();
        String url = plane.publicUrl() + "/api/sessions/" + id;
        wrk(url, "5s");
        String out = wrk(url, "10s");
        Matcher rps = REQUESTS_PER_SECOND.matcher(out);
        System.out.printf("GET /api/sessions/:id: %s req/s (wrk -t2 -c64 -d10s, keep-alive, after 5 s warm-up)%n%s%n",
                rps.find() ? rps.group(1) : "?", out.indent(4).stripTrailing());
        api.delete("/api/sessions/" + id);
    }

    private static String wrk(String url, String duration) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + duration, "--latency",
                "-H", "Authorization: Bearer " + KEY, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (apt-get install wrk): " + out);
        }
        return out;
    }

    private static void idleFootprint(ControlPlane plane, Path dataDir, int count) throws Exception {
        ApiClient api = new ApiClient(plane.publicUrl(), KEY);
        long availableBefore = SandboxMemory.memAvailableKb();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.createSession("{\"idleTimeoutSeconds\":3600}").path("id").asText());
        }
        Awaitility.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        Map<String, SandboxMemory.Usage> before = SandboxMemory.bySandbox(dataDir.toAbsolutePath());
        Awaitility.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        Map<String, SandboxMemory.Usage> after = SandboxMemory.bySandbox(dataDir.toAbsolutePath());
        long availableAfter = SandboxMemory.memAvailableKb();
        Collection<SandboxMemory.Usage> usages = after.values();
        double meanPssMb = usages.stream().mapToLong(SandboxMemory.Usage::pssKb).average().orElse(0) / 1024;
        long maxPssMb = usages.stream().mapToLong(SandboxMemory.Usage::pssKb).max().orElse(0) / 1024;
        long ticks = after.entrySet().stream().mapToLong(e -> e.getValue().cpuTicks()
                - before.getOrDefault(e.getKey(), new SandboxMemory.Usage(0, e.getValue().cpuTicks(), 0)).cpuTicks()).sum();
        double cpuPercentPerSession = ticks / 100.0 / 10.0 * 100 / Math.max(1, usages.size());
        double availableDropMb = (availableBefore - availableAfter) / 1024.0 / count;
        System.out.printf("idle sessions: %d open, %d sandboxes seen; PSS per session mean %.0f MB, max %d MB "
                        + "(%.1f processes each); MemAvailable dropped %.0f MB per session; idle CPU %.2f%% of one core "
                        + "per session; control plane PSS %d MB%n",
                count, usages.size(), meanPssMb, maxPssMb,
                usages.stream().mapToInt(SandboxMemory.Usage::processes).average().orElse(0),
                availableDropMb, cpuPercentPerSession, SandboxMemory.pssKb(ProcessHandle.current().pid()) / 1024);
        double byMemory = availableAfter / 1024.0 / Math.max(meanPssMb, 1) + count;
        double byCpu = cpuPercentPerSession <= 0 ? Double.POSITIVE_INFINITY
                : Runtime.getRuntime().availableProcessors() * 100 * 0.8 / cpuPercentPerSession;
        System.out.printf("this machine holds about %.0f idle sessions (memory: %.0f, CPU at 80%%: %.0f; "
                + "MemAvailable now %d MB)%n", Math.min(byMemory, byCpu), byMemory, byCpu, availableAfter / 1024);
        for (String id : ids) {
            api.delete("/api/sessions/" + id);
        }
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%s over %d sessions: p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms%n", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
