package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;

/**
 * Tunes the session's one screencast to the most demanding connection: the highest {@code quality} and largest
 * {@code maxWidth}/{@code maxHeight} any of them asked for. Retuned when a connection changes its stream, leaves,
 * or the browser comes back after a crash; with no connections the screencast keeps its settings.
 * ({@code everyNthFrame}, {@code paused} and {@code binary} are per connection: see {@link FrameFanOut}.)
 */
public final class StreamTuner {
    private final Clients clients;
    private final Screencast screencast;

    public StreamTuner(Clients clients, Screencast screencast) {
        this.clients = clients;
        this.screencast = screencast;
    }

    /** A {@code stream} message: the connection's settings change and the screencast follows. */
    void change(Client c, Inbound.Stream stream) {
        c.prefs(c.prefs().with(stream));
        retune();
    }

    void retune() {
        ScreencastSettings wanted = null;
        for (Client c : clients.all()) {
            ScreencastSettings s = c.prefs().screencast();
            wanted = wanted == null ? s : wanted.max(s);
        }
        if (wanted != null) {
            screencast.configure(wanted);
        }
    }
}
