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
 * the reads are another replica's), in alternating rounds, best of each. Targets: PostgreSQL within 25% of H2
 * on GET throughput; two replicas not slower than one.
 * Run: {@code mvn -q -pl control-plane -am test-compile exec:exec@bench-replicas} (see README). System property:
 * {@code bench.sessions} (20).
 */
public final class ReplicasBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final int ROUNDS = 2;

    private ReplicasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        Path root = Files.createTempDirectory("replicas-bench-");
        System.out.printf("replicas benchmark: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        DatabaseConfig database = TestPostgres.freshDatabase();
        List<String> pg = List.of("--database-url", database.url().jdbcUrl(), "--database-user",
                database.user().orElseThrow(), "--database-password", database.password().orElseThrow(),
                "--keys-dir", root.resolve("keys").toString());
        double h2Get = 0;
        double pgGet = 0;
        double twoGet = 0;
        double oneGet = 0;
        try (ControlPlane h2 = start(root.resolve("h2"), List.of()); ControlPlane a = start(root.resolve("pg-a"), pg)) {
            report("H2, one replica: warm create->ready", createLatencies(List.of(h2), sessions));
            report("PostgreSQL, one replica: warm create->ready", createLatencies(List.of(a), sessions));
            // Alternating rounds, best of each: the JVM warms up and the machine's load drifts alike for both.
            for (int round = 0; round < ROUNDS; round++) {
                h2Get = Math.max(h2Get, throughput("H2, one replica", h2, List.of(h2)));
                pgGet = Math.max(pgGet, throughput("PostgreSQL, one replica", a, List.of(a)));
            }
            try (ControlPlane b = start(root.resolve("pg-b"), pg)) {
                report("PostgreSQL, two replicas (creates alternate): warm create->ready",
                        createLatencies(List.of(a, b), sessions));
                for (int round = 0; round < ROUNDS; round++) {
                    twoGet = Math.max(twoGet, throughput("PostgreSQL, two replicas", a, List.of(a, b)));
                    oneGet = Math.max(oneGet, throughput("PostgreSQL, one of the two replicas", a, List.of(a)));
                }
            }
        }
        System.out.printf("%nGET /api/sessions/:id, best of %d rounds each | H2 %.0f req/s | PostgreSQL %.0f req/s"
                        + " (%.2fx H2, target >= 0.75x: %s) | two replicas %.0f req/s beside one %.0f req/s (%.2fx,"
                        + " target >= 1.0x: %s)%n", ROUNDS, h2Get, pgGet, pgGet / h2Get, pgGet >= 0.75 * h2Get ? "PASS"
                        : "FAIL", twoGet, oneGet, twoGet / oneGet, twoGet >= oneGet ? "PASS" : "FAIL");
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
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
    private static double throughput(String what, ControlPlane owner, List<ControlPlane> replicas) throws Exception {
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
        System.out.printf("%s: GET /api/sessions/:id %.0f req/s (wrk -t2 -c%d -d10s per replica)%n", what, total,
                connections);
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
