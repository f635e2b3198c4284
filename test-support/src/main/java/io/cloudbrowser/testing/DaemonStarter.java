package io.cloudbrowser.testing;

import java.io.IOException;

/**
 * Starts a browserd from a setup and returns it listening. browserd's own tests start it in their JVM
 * ({@code TestDaemon::start}); {@link BrowserdProcess#fromJar} runs the real jar in a child process.
 */
@FunctionalInterface
public interface DaemonStarter<D extends Daemon> {
    D start(DaemonSetup setup) throws IOException;
}
