package io.cloudbrowser.bench.figures;

import io.cloudbrowser.bench.Pause;
import io.cloudbrowser.bench.baseline.DirectBrowser;
import io.cloudbrowser.bench.client.BenchSocket;
import io.cloudbrowser.bench.report.Row;
import io.cloudbrowser.bench.report.Stats;
import io.cloudbrowser.bench.report.Table;

import java.io.IOException;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A trivial command's round trip. browserd's {@code state} does {@code page.url()} (a field in the Java client)
 * and {@code page.title()} (one round trip Java -> node driver -> renderer), so the fair direct call is
 * {@code page.title()} alone; the difference is what browserd adds: the WebSocket hop, JSON, the session's
 * queue and the hand-off to its browser thread.
 */
public final class RoundTripFigures {
    private static final int BLOCKS = 5;
    private static final long GAP_MS = 5;

    private final Table table;

    public RoundTripFigures(Table table) {
        this.table = table;
    }

    public List<Row> compare(DirectBrowser direct, BenchSocket socket, int count, int warmup) throws IOException {
        direct(direct, warmup);
        browserd(socket, warmup);
        pings(socket, warmup);
        long[] d = new long[0];
        long[] b = new long[0];
        for (int i = 0; i < BLOCKS; i++) {
            d = LongStream.concat(LongStream.of(d), LongStream.of(direct(direct, count / BLOCKS))).toArray();
            b = LongStream.concat(LongStream.of(b), LongStream.of(browserd(socket, count / BLOCKS))).toArray();
        }
        Stats ds = new Stats(d);
        Stats bs = new Stats(b);
        Stats ps = new Stats(pings(socket, count));
        table.note("page.title() in-process: " + ds.summary());
        table.note("state over browserd's WebSocket: " + bs.summary());
        table.note("protocol ping/pong over browserd's WebSocket: " + ps.summary());
        double extra = bs.p50() - ds.p50();
        return List.of(
                Row.judged("command round trip p50 (state vs page.title())", LatencyFigures.ms(bs.p50()),
                        LatencyFigures.ms(ds.p50()) + " page.title()", String.format("%+.2f ms", extra),
                        "<= in-process + 2 ms", extra <= 2),
                Row.info("WebSocket ping/pong p50 (no browser)", LatencyFigures.ms(ps.p50()), "-", "-"));
    }

    private static long[] direct(DirectBrowser direct, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            direct.title();
            out[i] = System.nanoTime() - t;
            Pause.millis(GAP_MS);
        }
        return out;
    }

    private static long[] browserd(BenchSocket socket, int n) throws IOException {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            socket.call("state", null);
            out[i] = System.nanoTime() - t;
            Pause.millis(GAP_MS);
        }
        return out;
    }

    private static long[] pings(BenchSocket socket, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = socket.ping();
            Pause.millis(GAP_MS);
        }
        return out;
    }
}
