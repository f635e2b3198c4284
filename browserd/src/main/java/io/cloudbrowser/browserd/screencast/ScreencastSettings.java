package io.cloudbrowser.browserd.screencast;

/** The parameters of the session's one CDP screencast. */
public record ScreencastSettings(int quality, int maxWidth, int maxHeight) {
    public ScreencastSettings {
        if (quality < 1 || quality > 100 || maxWidth < 64 || maxHeight < 64) {
            throw new IllegalArgumentException("screencast: " + quality + "/" + maxWidth + "x" + maxHeight);
        }
    }

    /** The larger of each setting: the shared screencast serves the most demanding viewer. */
    public ScreencastSettings max(ScreencastSettings o) {
        return new ScreencastSettings(Math.max(quality, o.quality), Math.max(maxWidth, o.maxWidth),
                Math.max(maxHeight, o.maxHeight));
    }
}
