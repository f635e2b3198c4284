package io.cloudbrowser.bench.figures;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.bench.baseline.DirectBrowser;
import io.cloudbrowser.bench.client.BenchSocket;
import io.cloudbrowser.bench.latency.BrowserdTarget;
import io.cloudbrowser.bench.latency.LatencySampler;
import io.cloudbrowser.bench.latency.Series;
import io.cloudbrowser.bench.report.Row;
import io.cloudbrowser.bench.report.Stats;
import io.cloudbrowser.bench.report.Table;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Input to first changed frame: browserd over its WebSocket beside Playwright in-process, then under a long command. */
public final class LatencyFigures {
    private static final int BLOCKS = 4;
    private static final int CHUNK = 10;
    private static final long PENDING_BUDGET_MS = 25_000;

    private final Table table;
    private Stats idleBrowserd;

    public LatencyFigures(Table table) {
        this.table = table;
    }

    /**
     * Warms both paths up (samples discarded), then alternates blocks of samples between them so drift in the
     * machine's load hits both alike.
     */
    public List<Row> compare(DirectBrowser direct, LatencySampler directSampler, BrowserdTarget browserd,
                             LatencySampler browserdSampler, int samples, int warmup) {
        directSampler.run(direct, warmup);
        browserdSampler.run(browserd, warmup);
        Series d = Series.EMPTY;
        Series b = Series.EMPTY;
        for (int i = 0; i < BLOCKS; i++) {
            d = d.plus(directSampler.run(direct, samples / BLOCKS));
            b = b.plus(browserdSampler.run(browserd, samples / BLOCKS));
        }
        Stats ds = new Stats(d.nanos());
        idleBrowserd = new Stats(b.nanos());
        table.note("input -> changed frame, in-process Playwright: " + ds.summary() + ", lost " + directSampler.lost());
        table.note("input -> changed frame, browserd WebSocket (binary frames): " + idleBrowserd.summary()
                + ", lost " + browserdSampler.lost());
        noteSplit(b);
        double ratio = idleBrowserd.p50() / ds.p50();
        return List.of(
                Row.judged("input -> changed frame p50", ms(idleBrowserd.p50()), ms(ds.p50()) + " in-process",
                        String.format("%.2fx", ratio), "<= 1.25x in-process", ratio <= 1.25),
                Row.judged("input -> changed frame p99", ms(idleBrowserd.p99()), ms(ds.p99()) + " in-process",
                        String.format("%.2fx", idleBrowserd.p99() / ds.p99()), "<= 60 ms", idleBrowserd.p99() <= 60));
    }

    /**
     * The same browserd latency while a never-satisfied 30 s {@code waitForSelector} occupies the session's command
     * queue; samples are kept only while that command is verifiably still pending.
     */
    public List<Row> underLongCommand(BenchSocket socket, BrowserdTarget browserd, LatencySampler sampler, int samples) {
        Series kept = Series.EMPTY;
        int count = 0;
        int commands = 0;
        while (count < samples) {
            CompletableFuture<JsonNode> pending = socket.command("waitForSelector", BenchSocket.obj()
                    .put("selector", "#never-appears").put("state", "attached").put("timeoutMs", 30_000));
            commands++;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PENDING_BUDGET_MS);
            while (count < samples && System.nanoTime() < deadline) {
                Series chunk = sampler.run(browserd, CHUNK);
                if (pending.isDone()) {
                    break;
                }
                kept = kept.plus(chunk);
                count += chunk.nanos().length;
            }
            JsonNode result = pending.orTimeout(40, TimeUnit.SECONDS).join();
            table.note("waitForSelector #" + commands + " ended with " + result.path("error").path("code").asText("ok"));
        }
        Stats s = new Stats(kept.nanos());
        table.note("input -> changed frame, browserd, 30 s waitForSelector pending: " + s.summary() + ", lost " + sampler.lost());
        noteSplit(kept);
        return List.of(Row.judged("same p99, 30 s waitForSelector pending", ms(s.p99()), ms(idleBrowserd.p99()) + " idle",
                String.format("%.2fx", s.p99() / idleBrowserd.p99()), "<= 100 ms", s.p99() <= 100));
    }

    /** Where browserd's latency goes: until browserd has the frame from Chromium, then delivery to the client. */
    private void noteSplit(Series s) {
        if (s.toSourceNanos().length != s.nanos().length || s.nanos().length == 0) {
            return;
        }
        long[] delivery = new long[s.nanos().length];
        for (int i = 0; i < delivery.length; i++) {
            delivery[i] = Math.max(0, s.nanos()[i] - s.toSourceNanos()[i]);
        }
        table.note("  of which input -> browserd has the frame: " + new Stats(s.toSourceNanos()).summary()
                + "; browserd -> client has it: " + new Stats(delivery).summary() + " (1 ms clock resolution)");
    }

    static String ms(double v) {
        return String.format("%.1f ms", v);
    }
}
