package io.cloudbrowser.controlplane.session;

/**
 * The page viewport a session's browser renders at, in CSS pixels, with its device pixel ratio.
 * Same field names as browserd's /health ({@code {"w","h","dpr"}}).
 */
public record Viewport(int w, int h, double dpr) {
    public static final int MIN_SIDE = 200;
    public static final int MAX_WIDTH = 3840;
    public static final int MAX_HEIGHT = 2160;
    public static final double MAX_DPR = 3.0;

    public Viewport {
        if (w < MIN_SIDE || w > MAX_WIDTH) {
            throw new IllegalArgumentException("w: " + w + " (expected: " + MIN_SIDE + ".." + MAX_WIDTH + ")");
        }
        if (h < MIN_SIDE || h > MAX_HEIGHT) {
            throw new IllegalArgumentException("h: " + h + " (expected: " + MIN_SIDE + ".." + MAX_HEIGHT + ")");
        }
        if (!(dpr >= 1.0 && dpr <= MAX_DPR)) {
            throw new IllegalArgumentException("dpr: " + dpr + " (expected: 1.." + MAX_DPR + ")");
        }
    }

    /** Parses browserd's spelling, {@code 1280x720} or {@code 1280x720@2}. */
    public static Viewport parse(String text) {
        String[] sizeAndScale = text.trim().split("@", 2);
        String[] sides = sizeAndScale[0].split("x", 2);
        if (sides.length != 2) {
            throw new IllegalArgumentException("viewport: " + text + " (expected: WIDTHxHEIGHT[@DPR])");
        }
        try {
            double dpr = sizeAndScale.length == 2 ? Double.parseDouble(sizeAndScale[1]) : 1.0;
            return new Viewport(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), dpr);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("viewport: " + text + " (expected: WIDTHxHEIGHT[@DPR])");
        }
    }

    /** browserd's BROWSERD_VIEWPORT spelling. */
    public String toEnvValue() {
        String size = w + "x" + h;
        if (dpr == 1.0) {
            return size;
        }
        return dpr == Math.rint(dpr) ? size + "@" + (int) dpr : size + "@" + dpr;
    }
}
