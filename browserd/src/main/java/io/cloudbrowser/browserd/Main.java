package io.cloudbrowser.browserd;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.config.ConfigLoader;
import sun.misc.Signal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** {@code java -jar browserd.jar}: configured by environment (flags mirror it), see browserd/README.md. */
public final class Main {
    public static final int EXIT_MISCONFIGURED = 2;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        BrowserdConfig config;
        try {
            config = ConfigLoader.load(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("browserd: configuration error: " + e.getMessage());
            System.exit(EXIT_MISCONFIGURED);
            return;
        }
        Browserd daemon;
        try {
            daemon = Browserd.start(config);
        } catch (IOException e) {
            System.err.println("browserd: cannot start: " + e.getMessage());
            System.exit(e.getMessage() != null && e.getMessage().startsWith("port ") ? EXIT_MISCONFIGURED
                    : Browserd.EXIT_BROWSER_FAILED);
            return;
        }
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> daemon.shutdown("stopped", Browserd.EXIT_OK));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.shutdown("stopped", Browserd.EXIT_OK);
            daemon.exitCode().completeOnTimeout(Browserd.EXIT_OK, 20, TimeUnit.SECONDS).join();
        }, "shutdown-hook"));
        System.exit(daemon.exitCode().join());
    }
}
