package io.cloudbrowser.bench.report;

/**
 * One line of the result table.
 *
 * @param verdict {@code PASS}, {@code FAIL}, or {@code info} for a figure without a target
 */
public record Row(String figure, String measured, String baseline, String ratio, String target, String verdict) {
    public static Row judged(String figure, String measured, String baseline, String ratio, String target, boolean pass) {
        return new Row(figure, measured, baseline, ratio, target, pass ? "PASS" : "FAIL");
    }

    public static Row info(String figure, String measured, String baseline, String ratio) {
        return new Row(figure, measured, baseline, ratio, "-", "info");
    }

    public boolean failed() {
        return verdict.equals("FAIL");
    }
}
