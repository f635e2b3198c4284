package io.cloudbrowser.browserd.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.screencast.Screencast;
import io.cloudbrowser.browserd.screencast.ScreencastSettings;
import io.cloudbrowser.protocol.token.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one screencast follows the most demanding connection, setting by setting, as connections change and leave. */
class StreamTunerTest {
    private static final ScreencastSettings INITIAL = new ScreencastSettings(70, 1280, 720);

    private final Clients clients = new Clients(BrowserdConfig.Limits.DEFAULT);
    private final Screencast screencast = new Screencast(frame -> { }, () -> 1.0, INITIAL);
    private final StreamTuner tuner = new StreamTuner(clients, screencast);
    private final EmbeddedConnection a = EmbeddedConnection.join(clients, Role.CONTROLLER, "a");
    private final EmbeddedConnection b = EmbeddedConnection.join(clients, Role.VIEWER, "b");

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void eachSettingIsTheLargestAnyConnectionAskedFor() {
        tuner.change(a.client, stream(90, 640, 360));
        assertEquals(new ScreencastSettings(90, 1280, 720), screencast.settings(), "b still wants the default size");

        tuner.change(b.client, stream(40, 1920, 480));
        assertEquals(new ScreencastSettings(90, 1920, 480), screencast.settings(), "b changed, a kept its own");
    }

    @Test
    void whenTheDemandingConnectionLeavesTheRestAreServed() {
        tuner.change(a.client, stream(95, 2560, 1440));
        tuner.change(b.client, stream(50, 800, 600));
        clients.remove(a.client);
        tuner.retune();
        assertEquals(new ScreencastSettings(50, 800, 600), screencast.settings());
    }

    @Test
    void withNoConnectionsTheScreencastKeepsItsSettings() {
        tuner.change(a.client, stream(30, 640, 480));
        tuner.change(b.client, stream(30, 640, 480));
        clients.remove(a.client);
        clients.remove(b.client);
        tuner.retune();
        assertEquals(new ScreencastSettings(30, 640, 480), screencast.settings());
    }

    @Test
    void perConnectionSettingsDoNotRetuneTheScreencast() {
        tuner.change(a.client, new Inbound.Stream(null, null, null, 5, true, true));
        assertEquals(INITIAL, screencast.settings());
        assertEquals(5, a.client.prefs().everyNthFrame());
        assertEquals(true, a.client.prefs().paused());
    }

    private static Inbound.Stream stream(int quality, int maxWidth, int maxHeight) {
        return new Inbound.Stream(quality, maxWidth, maxHeight, null, null, null);
    }
}
