package io.cloudbrowser.protocol;

import java.util.List;

/**
 * browserd's settings as environment variables (browserd/README.md has their meaning and defaults): what
 * browserd reads, and what a sandbox provider sets. Nothing else of the control plane's environment reaches
 * a sandbox.
 */
public final class BrowserdEnv {
    /** Every browserd setting starts with this; a provider passes its own ones of these through. */
    public static final String PREFIX = "BROWSERD_";
    public static final String HOST = "BROWSERD_HOST";
    public static final String PORT = "BROWSERD_PORT";
    public static final String SESSION_ID = "BROWSERD_SESSION_ID";
    public static final String JWT_PUBLIC_KEY = "BROWSERD_JWT_PUBLIC_KEY";
    public static final String JWT_PUBLIC_KEY_FILE = "BROWSERD_JWT_PUBLIC_KEY_FILE";
    public static final String VIEWPORT = "BROWSERD_VIEWPORT";
    public static final String IDLE_TIMEOUT = "BROWSERD_IDLE_TIMEOUT";
    public static final String MAX_LIFETIME = "BROWSERD_MAX_LIFETIME";
    public static final String HEADLESS = "BROWSERD_HEADLESS";
    public static final String ALLOW_EVALUATE = "BROWSERD_ALLOW_EVALUATE";
    public static final String URL_POLICY = "BROWSERD_URL_POLICY";
    public static final String ALLOWED_ORIGINS = "BROWSERD_ALLOWED_ORIGINS";
    public static final String START_URL = "BROWSERD_START_URL";
    public static final String MAX_CONNECTIONS = "BROWSERD_MAX_CONNECTIONS";
    public static final String MAX_MESSAGE_BYTES = "BROWSERD_MAX_MESSAGE_BYTES";
    public static final String MESSAGES_PER_SECOND = "BROWSERD_MESSAGES_PER_SECOND";
    public static final String MESSAGE_BURST = "BROWSERD_MESSAGE_BURST";
    public static final String LOG_LEVEL = "BROWSERD_LOG_LEVEL";
    public static final String CHROMIUM_PATH = "CHROMIUM_PATH";
    /** Playwright's own: a driver unpacked once and shared, instead of one per start. */
    public static final String PLAYWRIGHT_DRIVER_DIR = "PLAYWRIGHT_DRIVER_DIR";

    /** Set by the provider for each sandbox; never taken from the control plane's own environment. */
    public static final List<String> PER_SANDBOX = List.of(HOST, PORT, SESSION_ID, JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_FILE,
            VIEWPORT, IDLE_TIMEOUT, MAX_LIFETIME, START_URL, ALLOWED_ORIGINS);

    private BrowserdEnv() {
    }
}
