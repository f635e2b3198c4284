package io.cloudbrowser.browserd.config;

/** A page viewport in CSS pixels with its device scale factor. */
public record Viewport(int width, int height, double deviceScaleFactor) {
    public static final int MAX_SIDE = 7680;

    public Viewport {
        if (width < 100 || width > MAX_SIDE) {
            throw new IllegalArgumentException("viewport width: " + width + " (expected: 100.." + MAX_SIDE + ")");
        }
        if (height < 100 || height > MAX_SIDE) {
            throw new IllegalArgumentException("viewport height: " + height + " (expected: 100.." + MAX_SIDE + ")");
        }
        if (!(deviceScaleFactor >= 1 && deviceScaleFactor <= 4)) {
            throw new IllegalArgumentException("viewport dpr: " + deviceScaleFactor + " (expected: 1..4)");
        }
    }

    /** Parses {@code 1280x720} or {@code 1280x720@2}. */
    public static Viewport parse(String text) {
        String s = text.trim();
        double dpr = 1;
        int at = s.indexOf('@');
        try {
            if (at >= 0) {
                dpr = Double.parseDouble(s.substring(at + 1));
                s = s.substring(0, at);
            }
            int x = s.toLowerCase().indexOf('x');
            if (x < 0) {
                throw new NumberFormatException();
            }
            return new Viewport(Integer.parseInt(s.substring(0, x)), Integer.parseInt(s.substring(x + 1)), dpr);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("viewport: '" + text + "' (expected: WIDTHxHEIGHT or WIDTHxHEIGHT@DPR)");
        }
    }

    public Viewport withSize(int w, int h) {
        return new Viewport(w, h, deviceScaleFactor);
    }
}
