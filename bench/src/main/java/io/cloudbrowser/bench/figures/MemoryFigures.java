package io.cloudbrowser.bench.figures;

import io.cloudbrowser.bench.memory.MemoryReport;
import io.cloudbrowser.bench.report.Row;
import io.cloudbrowser.bench.report.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** PSS of one idle session, by process group, with USS beside it and RSS in the notes. */
public final class MemoryFigures {
    private final Table table;

    public MemoryFigures(Table table) {
        this.table = table;
    }

    public List<Row> measure(long browserdPid) throws IOException {
        MemoryReport report = MemoryReport.of(browserdPid);
        List<Row> rows = new ArrayList<>();
        for (MemoryReport.Part p : report.parts()) {
            rows.add(Row.info("idle session PSS: " + p.name() + " (" + p.processes() + " proc)",
                    mib(p.pssKb()) + " (USS " + mib(p.ussKb()) + ")", "-", "-"));
            table.note(String.format("%s: PSS %s, USS %s, RSS %s, %d process(es)", p.name(), mib(p.pssKb()),
                    mib(p.ussKb()), mib(p.rssKb()), p.processes()));
        }
        rows.add(Row.info("idle session PSS: total", mib(report.totalPssKb()) + " (USS " + mib(report.totalUssKb()) + ")",
                "-", "-"));
        table.note("idle session total: PSS " + mib(report.totalPssKb()) + ", USS " + mib(report.totalUssKb()) + ", RSS "
                + mib(report.totalRssKb()) + " (RSS counts shared libraries once per process; PSS splits them with "
                + "every process mapping them, other Chromiums on this machine included; USS is private pages only)");
        return rows;
    }

    private static String mib(long kb) {
        return String.format("%.1f MiB", kb / 1024.0);
    }
}
