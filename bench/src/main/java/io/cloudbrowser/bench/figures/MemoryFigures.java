package io.cloudbrowser.bench.figures;

import io.cloudbrowser.bench.memory.MemoryReport;
import io.cloudbrowser.bench.report.Row;
import io.cloudbrowser.bench.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** PSS of one idle session, by process group, with RSS in the notes for comparison. */
public final class MemoryFigures {
    private final Table table;

    public MemoryFigures(Table table) {
        this.table = table;
    }

    public List<Row> measure(long browserdPid) throws IOException {
        MemoryReport report = MemoryReport.of(browserdPid);
        List<Row> rows = new ArrayList<>();
        for (MemoryReport.Part p : report.parts()) {
            rows.add(Row.info("idle session PSS: " + p.name(), mib(p.pssKb()) + " (" + p.processes() + " proc)", "-", "-"));
            table.note(String.format("%s: PSS %s, RSS %s, %d process(es)", p.name(), mib(p.pssKb()), mib(p.rssKb()), p.processes()));
        }
        rows.add(Row.info("idle session PSS: total", mib(report.totalPssKb()), "-", "-"));
        table.note("idle session total: PSS " + mib(report.totalPssKb()) + ", RSS " + mib(report.totalRssKb())
                + " (RSS counts shared libraries once per process)");
        return rows;
    }

    private static String mib(long kb) {
        return String.format("%.1f MiB", kb / 1024.0);
    }
}
