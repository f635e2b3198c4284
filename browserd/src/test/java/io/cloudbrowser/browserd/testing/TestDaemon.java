package io.cloudbrowser.browserd.testing;

import io.cloudbrowser.browserd.Browserd;
import io.cloudbrowser.browserd.config.ConfigLoader;
import io.cloudbrowser.protocol.ExitCode;
import io.cloudbrowser.testing.Daemon;
import io.cloudbrowser.testing.DaemonSetup;
import java.io.IOException;
import java.util.Map;

/**
 * A real browserd (real Xvfb, real Chromium) started in this JVM on a free port: the {@code DaemonStarter} of
 * browserd's tests ({@code BrowserdExtension...daemon(TestDaemon::start)}).
 */
public final class TestDaemon implements Daemon {
    public static final String SESSION = DaemonSetup.SESSION;

    private final DaemonSetup setup;
    private final Browserd daemon;

    private TestDaemon(DaemonSetup setup) throws IOException {
        this.setup = setup;
        this.daemon = Browserd.start(ConfigLoader.fromEnv(setup.env()));
    }

    public static TestDaemon start(DaemonSetup setup) throws IOException {
        return new TestDaemon(setup);
    }

    /** @param overrides environment settings over {@link DaemonSetup#defaults()}, e.g. {@code BROWSERD_URL_POLICY} */
    public static TestDaemon start(Map<String, String> overrides) throws IOException {
        return start(DaemonSetup.defaults().with(overrides));
    }

    @Override
    public int port() {
        return daemon.port();
    }

    @Override
    public DaemonSetup setup() {
        return setup;
    }

    @Override
    public void close() {
        daemon.shutdown("stopped", ExitCode.OK);
        daemon.exitCode().join();
    }
}
