package io.cloudbrowser.testing;

/** A browserd a test started, in-process or as a child process; {@link #close()} stops it and all it started. */
public interface Daemon extends DaemonAccess, AutoCloseable {
    @Override
    void close();
}
