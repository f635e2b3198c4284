package io.cloudbrowser.protocol;

import java.util.Locale;

/**
 * A page viewport in CSS pixels with its device pixel ratio: what a session asks for, what browserd renders
 * and reports ({@code {"w","h","dpr"}} in JSON), and one spelling in settings, {@code WIDTHxHEIGHT[@DPR]}.
 */
public record Viewport(int w, int h, double dpr) {
    public static final int MIN_SIDE = 200;
    public static final int MAX_WIDTH = 3840;
    public static final int MAX_HEIGHT = 2160;
    public static final double MAX_DPR = 3.0;
    public static final Viewport DEFAULT = new Viewport(1280, 720, 1);
    private static final String EXPECTED = "WIDTHxHEIGHT or WIDTHxHEIGHT@DPR, " + MIN_SIDE + ".." + MAX_WIDTH + " x "
            + MIN_SIDE + ".." + MAX_HEIGHT + " @ 1.." + (int) MAX_DPR;

    public Viewport {
        if (w < MIN_SIDE || w > MAX_WIDTH) {
            throw new IllegalArgumentException("w: " + w + " (expected: " + MIN_SIDE + ".." + MAX_WIDTH + ")");
        }
        if (h < MIN_SIDE || h > MAX_HEIGHT) {
            throw new IllegalArgumentException("h: " + h + " (expected: " + MIN_SIDE + ".." + MAX_HEIGHT + ")");
        }
        if (!(dpr >= 1.0 && dpr <= MAX_DPR)) {
            throw new IllegalArgumentException("dpr: " + dpr + " (expected: 1.." + (int) MAX_DPR + ")");
        }
    }

    /**
     * Parses {@code 1280x720} or {@code 1280x720@2}.
     *
     * @throws IllegalArgumentException naming the text and what is expected
     */
    public static Viewport parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        String[] sizeAndScale = s.split("@", 2);
        String[] sides = sizeAndScale[0].split("x", 2);
        int width;
        int height;
        double dpr;
        try {
            if (sides.length != 2) {
                throw new NumberFormatException();
            }
            width = Integer.parseInt(sides[0].trim());
            height = Integer.parseInt(sides[1].trim());
            dpr = sizeAndScale.length == 2 ? Double.parseDouble(sizeAndScale[1]) : 1.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' (expected: " + EXPECTED + ")");
        }
        try {
            return new Viewport(width, height, dpr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    public Viewport withSize(int width, int height) {
        return new Viewport(width, height, dpr);
    }

    /** Device pixels across, what the screencast's frames measure at most. */
    public int pixelWidth() {
        return (int) (w * dpr);
    }

    public int pixelHeight() {
        return (int) (h * dpr);
    }

    /** The settings spelling: {@code 1280x720}, {@code 1280x720@2}, {@code 1280x720@1.5}. */
    public String spelling() {
        String size = w + "x" + h;
        if (dpr == 1.0) {
            return size;
        }
        return dpr == Math.rint(dpr) ? size + "@" + (int) dpr : size + "@" + dpr;
    }
}
