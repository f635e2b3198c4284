package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;

/** One connection's stream settings (the {@code stream} message); immutable, replaced as a whole. */
record StreamPrefs(int quality, int maxWidth, int maxHeight, int everyNthFrame, boolean binary, boolean paused) {

    static StreamPrefs defaults(int maxWidth, int maxHeight) {
        return new StreamPrefs(70, maxWidth, maxHeight, 1, false, false);
    }

    StreamPrefs with(Inbound.Stream s) {
        return new StreamPrefs(or(s.quality(), quality), or(s.maxWidth(), maxWidth), or(s.maxHeight(), maxHeight),
                or(s.everyNthFrame(), everyNthFrame), s.binary() != null ? s.binary() : binary,
                s.paused() != null ? s.paused() : paused);
    }

    ScreencastSettings screencast() {
        return new ScreencastSettings(quality, maxWidth, maxHeight);
    }

    private static int or(Integer v, int dflt) {
        return v != null ? v : dflt;
    }
}
