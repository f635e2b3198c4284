package io.cloudbrowser.bench.figures;

import io.cloudbrowser.bench.client.BenchSocket;
import io.cloudbrowser.bench.pages.BenchPages;
import io.cloudbrowser.bench.report.Row;
import io.cloudbrowser.bench.report.Table;
import io.cloudbrowser.bench.stream.FrameWindow;
import io.cloudbrowser.bench.stream.WindowResult;
import io.cloudbrowser.testing.DaemonAccess;
import io.cloudbrowser.testing.PageServer;

import java.io.IOException;
import java.util.List;

/** Frames delivered against frames emitted, and wire bytes per frame against JPEG bytes, in both frame formats. */
public final class StreamFigures {
    private static final int WARMUP_SECONDS = 2;

    private final Table table;

    public StreamFigures(Table table) {
        this.table = table;
    }

    public List<Row> measure(BenchSocket socket, DaemonAccess daemon, PageServer pages, int windowSeconds) throws IOException {
        FrameWindow window = new FrameWindow(socket, daemon);
        socket.call("navigate", BenchSocket.obj().put("url", pages.url(BenchPages.ARTICLE)));
        WindowResult json = window.run(false, WARMUP_SECONDS, windowSeconds);
        WindowResult binary = window.run(true, WARMUP_SECONDS, windowSeconds);
        socket.call("navigate", BenchSocket.obj().put("url", pages.url(BenchPages.MINIMAL)));
        WindowResult minimal = window.run(true, WARMUP_SECONDS, windowSeconds);
        note("article page, JSON frames", json);
        note("article page, binary frames", binary);
        note("minimal page, binary frames", minimal);
        return List.of(delivery("frames delivered / emitted, JSON (article page)", json),
                delivery("frames delivered / emitted, binary (article page)", binary),
                delivery("frames delivered / emitted, binary (minimal page)", minimal),
                overhead("binary frame bytes over JPEG bytes (article page)", binary, true),
                overhead("binary frame bytes over JPEG bytes (minimal page)", minimal, true),
                overhead("JSON frame bytes over JPEG bytes (article page)", json, false));
    }

    private static Row delivery(String figure, WindowResult r) {
        return Row.judged(figure, r.delivered() + " delivered", String.format("%d emitted (%.1f fps)", r.emitted(), r.fps()),
                String.format("%.3f", r.ratio()), ">= 0.95", r.ratio() >= 0.95);
    }

    private static Row overhead(String figure, WindowResult r, boolean judged) {
        String measured = String.format("%.0f B/frame on the wire", r.wirePerFrame());
        String baseline = String.format("%.0f B/frame JPEG", r.jpegPerFrame());
        String ratio = String.format("%+.2f%%", r.overhead() * 100);
        return judged ? Row.judged(figure, measured, baseline, ratio, "<= +1%", r.overhead() <= 0.01)
                : Row.info(figure, measured, baseline, ratio);
    }

    private void note(String what, WindowResult r) {
        table.note(String.format("%s: %.1f s window, %d emitted by seq, %d by /health framesEmitted, %d delivered, "
                        + "%.0f B wire / %.0f B JPEG per frame (%.0f B of header and framing)", what, r.seconds(),
                r.emitted(), r.healthDelta(), r.delivered(), r.wirePerFrame(), r.jpegPerFrame(),
                r.wirePerFrame() - r.jpegPerFrame()));
    }
}
