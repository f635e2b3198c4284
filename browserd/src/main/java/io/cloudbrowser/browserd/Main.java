package io.cloudbrowser.browserd;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.config.ConfigLoader;
import io.cloudbrowser.protocol.ExitCode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/** {@code java -jar browserd.jar}: configured by environment (flags mirror it), see browserd/README.md. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        BrowserdConfig config;
        try {
            config = ConfigLoader.load(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("browserd: configuration error: " + e.getMessage());
            System.exit(ExitCode.MISCONFIGURED);
            return;
        }
        Browserd daemon;
        try {
            daemon = Browserd.start(config);
        } catch (IOException e) {
            System.err.println("browserd: cannot start: " + e.getMessage());
            System.exit(e.getMessage() != null && e.getMessage().startsWith("port ") ? ExitCode.MISCONFIGURED
                    : ExitCode.BROWSER_FAILED);
            return;
        }
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> daemon.shutdown("stopped", ExitCode.OK));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.shutdown("stopped", ExitCode.OK);
            daemon.exitCode().completeOnTimeout(ExitCode.OK, 20, TimeUnit.SECONDS).join();
        }, "shutdown-hook"));
        System.exit(daemon.exitCode().join());
    }
}
