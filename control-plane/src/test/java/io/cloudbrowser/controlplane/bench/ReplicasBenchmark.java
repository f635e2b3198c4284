package io.cloudbrowser.controlplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import io.cloudbrowser.controlplane.config.DatabaseConfig;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.controlplane.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Issue 9's benchmark: {@code GET /api/sessions/:id} throughput and warm create -> ready latency on the embedded H2
 * file, on PostgreSQL, and with two replicas on that PostgreSQL, in one run on this machine (real browserd
 * sandboxes, Debian's {@code wrk}: 2 threads, 64 connections, 10 s after a 5 s warm-up; with two replicas, two
 * wrk processes of 32 connections each, one per replica, both GETting a session owned by the first, so half
 * the reads are another replica's). Targets: PostgreSQL within 25% of H2 on GET throughput; two replicas not
 * slower than one.
 * Run: {@code mvn -q -pl control-plane -am test-compile exec:exec@bench-replicas} (see README). System property:
 * {@code bench.sessions} (20).
 */
public final class ReplicasBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private ReplicasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        Path root = Files.createTempDirectory("replicas-bench-");
        System.out.printf("replicas benchmark: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        double h2Get;
        double pgGet;
        double twoGet;
        try (ControlPlane h2 = start(root.resolve("h2"), List.of())) {
            report("H2, one replica: warm create->ready", createLatencies(List.of(h2), sessions));
            h2Get = throughput(h2, List.of(h2));
        }
        DatabaseConfig database = TestPostgres.freshDatabase();
        Path keys = root.resolve("keys");
        List<String> pg = List.of("--database-url", database.url().jdbcUrl(), "--database-user",
                database.user().orElseThrow(), "--database-password", database.password().orElseThrow(),
                "--keys-dir", keys.toString());
        try (ControlPlane a = start(root.resolve("pg-a"), pg)) {
            report("PostgreSQL, one replica: warm create->ready", createLatencies(List.of(a), sessions));
            pgGet = throughput(a, List.of(a));
            try (ControlPlane b = start(root.resolve("pg-b"), pg)) {
                report("PostgreSQL, two replicas (creates alternate): warm create->ready",
                        createLatencies(List.of(a, b), sessions));
                twoGet = throughput(a, List.of(a, b));
            }
        }
        System.out.printf("%nGET /api/sessions/:id | H2 %.0f req/s | PostgreSQL %.0f req/s (%.2fx H2, target >= 0.75x: %s)"
                        + " | two replicas %.0f req/s (%.2fx one, target >= 1.0x: %s)%n", h2Get, pgGet, pgGet / h2Get,
                pgGet >= 0.75 * h2Get ? "PASS" : "FAIL", twoGet, twoGet / pgGet, twoGet >= pgGet ? "PASS" : "FAIL");
        deleteTree(root);
        System.exit(0); // the embedded PostgreSQL stops in its shutdown hook
    }

    private static ControlPlane start(Path dataDir, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--api-keys", "bench:" + KEY, "--warm-pool-size", "1", "--max-sessions", "200",
                "--max-sessions-per-user", "200", "--rate-limit", "100000000", "--rate-burst", "100000000",
                "--browserd-jar", Path.of(System.getProperty("browserd.jar", "browserd/target/browserd.jar"))
                        .toAbsolutePath().toString()));
        args.addAll(extra);
        return Main.newServer(ConfigLoader.load(Map.of(), args));
    }

    /** One unmeasured session first, then {@code count} measured ones, each from a refilled warm pool. */
    private static List<Double> createLatencies(List<ControlPlane> replicas, int count) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            ApiClient api = new ApiClient(replicas.get(i % replicas.size()).publicUrl(), KEY);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/health").body().path("warmPoolReady").asInt() == 1);
            long start = System.nanoTime();
            JsonNode session = api.createSession("{}");
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (!session.path("fromWarmPool").asBoolean()) {
                throw new IllegalStateException("expected a warm claim: " + session);
            }
            if (i > 0) {
                millis.add(elapsed);
            }
            api.delete("/api/sessions/" + session.path("id").asText());
        }
        return millis;
    }

    /** GETs of one session owned by {@code owner}, spread over {@code replicas}; total req/s. */
    private static double throughput(ControlPlane owner, List<ControlPlane> replicas) throws Exception {
        ApiClient api = new ApiClient(owner.publicUrl(), KEY);
        String id = api.createSession("{}").path("id").asText();
        int connections = 64 / replicas.size();
        run(replicas, id, connections, "5s");
        List<String> outs = run(replicas, id, connections, "10s");
        double total = 0;
        for (String out : outs) {
            Matcher rps = REQUESTS_PER_SECOND.matcher(out);
            total += rps.find() ? Double.parseDouble(rps.group(1)) : 0;
        }
        System.out.printf("GET /api/sessions/:id over %d replica(s): %.0f req/s (wrk -t2 -c%d -d10s each)%n%s%n",
                replicas.size(), total, connections, String.join("\n", outs).indent(4).stripTrailing());
        api.delete("/api/sessions/" + id);
        return total;
    }

    private static List<String> run(List<ControlPlane> replicas, String id, int connections, String duration)
            throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        for (ControlPlane replica : replicas) {
            running.add(new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency",
                    "-H", "Authorization: Bearer " + KEY, replica.publicUrl() + "/api/sessions/" + id)
                    .redirectErrorStream(true).start());
        }
        List<String> outs = new ArrayList<>();
        for (Process wrk : running) {
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed (apt-get install wrk): " + out);
            }
            outs.add(out);
        }
        return outs;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%s over %d sessions: p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms%n", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
