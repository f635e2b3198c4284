package io.cloudbrowser.bench;

import io.cloudbrowser.bench.baseline.DirectBrowser;
import io.cloudbrowser.bench.client.BenchSocket;
import io.cloudbrowser.bench.figures.LatencyFigures;
import io.cloudbrowser.bench.figures.MemoryFigures;
import io.cloudbrowser.bench.figures.RoundTripFigures;
import io.cloudbrowser.bench.figures.StreamFigures;
import io.cloudbrowser.bench.latency.BrowserdTarget;
import io.cloudbrowser.bench.latency.ChangeProbe;
import io.cloudbrowser.bench.latency.LatencySampler;
import io.cloudbrowser.bench.pages.BenchPages;
import io.cloudbrowser.bench.report.LoadWatch;
import io.cloudbrowser.bench.report.Table;
import io.cloudbrowser.protocol.BrowserdEnv;
import io.cloudbrowser.testing.BrowserdProcess;
import io.cloudbrowser.testing.DaemonSetup;
import io.cloudbrowser.testing.PageServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bash bench/run.sh}: runs browserd.jar as a child process and, in one run, measures it against baselines
 * taken in the same run (in-process Playwright, Chromium's own frame count, the JPEG bytes), then prints one
 * table. Exit code 0 when every target passes, 1 when one fails, 2 when the benchmark itself could not run.
 * The order matters: memory is read before this JVM starts its own Playwright and Chromium (they would share
 * pages with browserd's and lower its PSS), and the in-process browser is closed before the frame windows.
 */
public final class BenchMain {
    private static final String SESSION = "s-bench";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final long IDLE_SETTLE_SECONDS = 10;
    private static final LoadWatch LOAD = new LoadWatch();

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchConfig config;
        try {
            config = BenchConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Table table = run(config);
            System.out.println();
            table.print(System.out);
            System.exit(table.anyFailed() ? 1 : 0);
        } catch (Exception e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static Table run(BenchConfig config) throws Exception {
        Table table = new Table();
        Path log = Files.createDirectories(Path.of("target")).resolve("browserd-bench.log").toAbsolutePath();
        try (PageServer pages = new PageServer().pages(BenchPages.all())) {
            progress("starting browserd (" + config.browserdJar() + "), log in " + log);
            // Its own Xvfb, the benchmark's pages only, and no idle or lifetime limit within a run.
            DaemonSetup setup = DaemonSetup.forSession(SESSION).with(Map.of(BrowserdEnv.URL_POLICY, pages.destination(),
                    BrowserdEnv.CHROMIUM_PATH, config.chromium().toString(), BrowserdEnv.IDLE_TIMEOUT, "1800",
                    BrowserdEnv.MAX_LIFETIME, "3600"));
            BrowserdProcess daemon = BrowserdProcess.fromJar(config.browserdJar(), config.browserdJavaOptions(), log,
                    START_TIMEOUT).start(setup);
            String token = daemon.tokens().session(SESSION).sub("bench").ttl(Duration.ofHours(1)).sign();
            try (daemon; BenchSocket socket = BenchSocket.connect(daemon.wsUrl(), token)) {
                socket.call("navigate", BenchSocket.obj().put("url", pages.url(BenchPages.TOGGLE)));
                socket.send(BenchSocket.obj().put("type", "stream").put("binary", true));
                progress("idle session, one viewer connected: settling " + IDLE_SETTLE_SECONDS + " s, then reading PSS");
                Pause.millis(IDLE_SETTLE_SECONDS * 1000);
                table.add(new MemoryFigures(table).measure(daemon.pid()));
                measureAgainstInProcess(config, table, socket, pages);
                progress("frame delivery and bytes per frame, " + config.windowSeconds() + " s windows");
                table.add(new StreamFigures(table).measure(socket, daemon, pages, config.windowSeconds()));
                socket.close();
                table.note("browserd exit code after SIGTERM: " + daemon.stop() + " (expected 0)");
                LOAD.sample();
                table.note(LOAD.summary());
            }
        }
        return table;
    }

    /** Latency and round trips beside the in-process baseline, then latency under a long command. */
    private static void measureAgainstInProcess(BenchConfig config, Table table, BenchSocket socket, PageServer pages)
            throws Exception {
        LatencyFigures latency = new LatencyFigures(table);
        ChangeProbe browserdProbe = new ChangeProbe();
        BrowserdTarget browserd = new BrowserdTarget(socket, browserdProbe, DirectBrowser.WIDTH / 2, DirectBrowser.HEIGHT / 2);
        LatencySampler browserdSampler = new LatencySampler(browserdProbe);
        progress("starting the in-process baseline (Playwright + Chromium under its own Xvfb)");
        ChangeProbe directProbe = new ChangeProbe();
        try (DirectBrowser direct = DirectBrowser.launch(config.chromium(), directProbe)) {
            direct.navigate(pages.url(BenchPages.TOGGLE));
            progress("input -> changed frame: " + config.warmup() + " warm-up + " + config.samples() + " samples per side");
            table.add(latency.compare(direct, new LatencySampler(directProbe), browserd, browserdSampler,
                    config.samples(), config.warmup()));
            progress("command round trips: " + config.roundTrips() + " per side");
            table.add(new RoundTripFigures(table).compare(direct, socket, config.roundTrips(), config.warmup()));
        }
        progress("input -> changed frame while a 30 s waitForSelector is pending");
        table.add(latency.underLongCommand(socket, browserd, browserdSampler, config.samples()));
        socket.onFrames(f -> { });
    }

    private static void progress(String what) {
        System.err.printf("bench: %s (load %.1f)%n", what, LOAD.sample());
    }
}
