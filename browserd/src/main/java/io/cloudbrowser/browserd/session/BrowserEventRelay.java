package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.protocol.ErrorCode;
import java.util.function.Consumer;

/**
 * Tells every connection what happens to the browser: page events, a crash ({@code browser_crashed}), and a
 * recovery ({@code ready} again, with the screencast retuned for the new browser). A browser that cannot be
 * recovered ends the daemon. Called from the browser thread and the CDP I/O thread.
 */
public final class BrowserEventRelay implements BrowserHost.Listener {
    private final Clients clients;
    private final ReadyEvent ready;
    private final StreamTuner tuner;
    private final Consumer<String> fatal;

    /** @param fatal called once when the browser cannot be recovered, with the reason; the owner shuts down */
    public BrowserEventRelay(Clients clients, ReadyEvent ready, StreamTuner tuner, Consumer<String> fatal) {
        this.clients = clients;
        this.ready = ready;
        this.tuner = tuner;
        this.fatal = fatal;
    }

    @Override
    public void onBrowserEvent(String name, JsonNode data) {
        clients.broadcast(Outbound.event(name, data));
    }

    @Override
    public void onCrashed(String message) {
        clients.broadcast(Outbound.errorEvent(ErrorCode.BROWSER_CRASHED, message + "; restarting the browser"));
    }

    @Override
    public void onRecovered() {
        for (Client c : clients.all()) {
            c.sink().send(ready.message(c));
        }
        tuner.retune();
    }

    @Override
    public void onUnrecoverable(String message) {
        fatal.accept(message);
    }
}
