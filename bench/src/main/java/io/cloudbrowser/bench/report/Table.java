package io.cloudbrowser.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's one table, as Markdown so it pastes into a README unchanged, and the notes under it. */
public final class Table {
    private static final String[] HEAD = {"figure", "measured", "baseline (same run)", "ratio", "target", "result"};

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void add(List<Row> more) {
        rows.addAll(more);
    }

    public void note(String line) {
        notes.add(line);
    }

    public boolean anyFailed() {
        return rows.stream().anyMatch(Row::failed);
    }

    public void print(PrintStream out) {
        int[] w = new int[HEAD.length];
        for (int i = 0; i < HEAD.length; i++) {
            w[i] = HEAD[i].length();
        }
        for (Row r : rows) {
            String[] c = cells(r);
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        out.println(line(HEAD, w));
        StringBuilder rule = new StringBuilder("|");
        for (int width : w) {
            rule.append("-".repeat(width + 2)).append('|');
        }
        out.println(rule);
        rows.forEach(r -> out.println(line(cells(r), w)));
        out.println();
        notes.forEach(n -> out.println("- " + n));
    }

    private static String[] cells(Row r) {
        return new String[] {r.figure(), r.measured(), r.baseline(), r.ratio(), r.target(), r.verdict()};
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            b.append(' ').append(cells[i]).append(" ".repeat(w[i] - cells[i].length())).append(" |");
        }
        return b.toString();
    }
}
