package io.cloudbrowser.controlplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.cloudbrowser.controlplane.ControlPlane;
import io.cloudbrowser.controlplane.Main;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import io.cloudbrowser.controlplane.testing.ApiClient;
import io.cloudbrowser.testing.HeadlessChromium;
import io.cloudbrowser.testing.PageServer;
import io.cloudbrowser.testing.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * Browser jobs on this machine, same page and viewport for every measurement:
 * <ol>
 *   <li>a screenshot job from POST to COMPLETED with its signed URL ready ({@code ?wait=}), warm pool of 1, the
 *       pool refilled between jobs: p50/p95 over {@code bench.jobs} (15);
 *   <li>the floor: an in-process Playwright screenshot of the same page in an already running headless Chromium
 *       (new page, navigate, screenshot, close);
 *   <li>browserless ({@link Browserless}) {@code POST /chromium/screenshot}: p50/p95 sequential, and screenshots per
 *       minute at concurrency 4;
 *   <li>jobs completed per minute at 1, 2 and 4 workers (warm pool as large), {@code bench.batch} (12) jobs
 *       submitted at once, with the peak memory (PSS) of the sandboxes and the control plane.
 * </ol>
 * Run: {@code mvn -q -pl control-plane -am test-compile exec:exec@bench-jobs} (README "Benchmarks").
 */
public final class JobsBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final int W = 1280;
    private static final int H = 720;

    private JobsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 15);
        int batch = Integer.getInteger("bench.batch", 12);
        Path root = Files.createTempDirectory("jobs-bench-");
        System.out.printf("jobs benchmark: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                ControlPlaneBenchmark.loadAverage());
        try (PageServer pages = new PageServer().page("/page", TestPages.solid("rgb(30,120,200)"))) {
            String url = pages.url("/page");
            try (ControlPlane plane = start(root.resolve("latency"), 1)) {
                report("screenshot job POST->COMPLETED (warm pool)", latencies(plane, url, jobs));
            }
            report("in-process Playwright screenshot (floor)", floor(url, jobs));
            try (Browserless browserless = Browserless.start(Path.of(System.getProperty("bench.browserlessDir",
                    "target/bench-browserless")).toAbsolutePath())) {
                report("browserless POST /chromium/screenshot (sequential)", browserless(browserless, url, jobs));
                browserlessThroughput(browserless, url, batch);
            }
            for (int workers : new int[] {1, 2, 4}) {
                try (ControlPlane plane = start(root.resolve("workers-" + workers), workers)) {
                    throughput(plane, root.resolve("workers-" + workers), url, workers, batch);
                }
            }
        } finally {
            ControlPlaneBenchmark.deleteTree(root);
        }
    }

    private static ControlPlane start(Path dataDir, int workers) {
        return Main.newServer(ConfigLoader.load(Map.of(), List.of(
                "--port", "0", "--data-dir", dataDir.toString(), "--api-keys", "bench:" + KEY,
                "--browserd-jar", System.getProperty("browserd.jar", "browserd/target/browserd.jar"),
                "--warm-pool-size", Integer.toString(workers), "--job-workers", Integer.toString(workers),
                "--max-running-jobs-per-user", Integer.toString(workers), "--max-jobs-per-user", "1000",
                "--rate-limit", "1000", "--rate-burst", "1000", "--default-viewport", W + "x" + H,
                "--sandbox-env", "BROWSERD_URL_POLICY=127.0.0.1:*")));
    }

    private static String body(String url) {
        return "{\"type\":\"screenshot\",\"url\":\"" + url + "\",\"viewport\":{\"w\":" + W + ",\"h\":" + H + "}}";
    }

    private static void awaitPool(ApiClient api, int size) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/health").body().path("warmPoolReady").asInt() >= size);
    }

    private static List<Double> latencies(ControlPlane plane, String url, int count) {
        ApiClient api = new ApiClient(plane.publicUrl(), KEY);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count + 1; i++) {
            awaitPool(api, 1);
            long start = System.nanoTime();
            JsonNode job = api.post("/api/jobs?wait=60", body(url)).body();
            double took = (System.nanoTime() - start) / 1e6;
            if (!job.path("status").asText().equals("COMPLETED") || job.path("outputs").path(0).path("url").isMissingNode()) {
                throw new IllegalStateException("job did not complete: " + job);
            }
            if (i > 0) { // the first one warms the control plane's own code paths
                millis.add(took);
            }
        }
        return millis;
    }

    private static List<Double> floor(String url, int count) {
        List<Double> millis = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            for (int i = 0; i < count + 1; i++) {
                long start = System.nanoTime();
                Page page = chromium.browser().newPage(new Browser.NewPageOptions()
                        .setViewportSize(W, H));
                page.navigate(url);
                page.screenshot();
                page.close();
                if (i > 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return millis;
    }

    private static List<Double> browserless(Browserless browserless, String url, int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count + 1; i++) {
            long start = System.nanoTime();
            browserless.screenshot(url, W, H);
            if (i > 0) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return millis;
    }

    /** {@code batch} screenshots, 4 at a time, as our 4 workers take them. */
    private static void browserlessThroughput(Browserless browserless, String url, int batch) throws Exception {
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Long>> shots = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                shots.add(four.submit(() -> browserless.screenshot(url, W, H)));
            }
            for (Future<Long> shot : shots) {
                shot.get();
            }
            double minutes = (System.nanoTime() - start) / 6e10;
            System.out.printf("browserless at concurrency 4: %d screenshots in %.1f s = %.1f screenshots/min%n", batch,
                    minutes * 60, batch / minutes);
        } finally {
            four.shutdownNow();
        }
    }

    private static void throughput(ControlPlane plane, Path dataDir, String url, int workers, int batch)
            throws Exception {
        ApiClient api = new ApiClient(plane.publicUrl(), KEY);
        awaitPool(api, workers);
        AtomicLong peakKb = new AtomicLong();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        Future<?> sampling = sampler.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long kb = SandboxMemory.bySandbox(dataDir.toAbsolutePath()).values().stream()
                            .mapToLong(SandboxMemory.Usage::pssKb).sum() + SandboxMemory.pssKb(ProcessHandle.current().pid());
                    peakKb.accumulateAndGet(kb, Math::max);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a process that exited while it was read: the next sample counts
                }
            }
        });
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            ids.add(api.post("/api/jobs", body(url)).body().path("id").asText());
        }
        for (String id : ids) {
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/api/jobs/" + id).body().path("status").asText().equals("COMPLETED"));
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        sampling.cancel(true);
        sampler.shutdownNow();
        System.out.printf("%d workers: %d screenshot jobs in %.1f s = %.1f jobs/min, peak memory (sandboxes +"
                + " control plane, PSS) %d MB%n", workers, batch, minutes * 60, batch / minutes, peakKb.get() / 1024);
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%s over %d: p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms%n", what, sorted.size(),
                ControlPlaneBenchmark.percentile(sorted, 50), ControlPlaneBenchmark.percentile(sorted, 95),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
