package io.cloudbrowser.protocol;

/** browserd's process exit codes; the control plane reads them to say why a sandbox ended. */
public final class ExitCode {
    /** Idle timeout, max lifetime, SIGTERM/SIGINT: clients were told ({@code closing}) and everything stopped. */
    public static final int OK = 0;
    /** A setting is wrong (one line on stderr names it), the port is taken. */
    public static final int MISCONFIGURED = 2;
    /** The browser could not be started, or crashed more than 3 times in 5 minutes. */
    public static final int BROWSER_FAILED = 3;

    private ExitCode() {
    }
}
