package io.cloudbrowser.browserd.protocol;

/** The named error codes of PROTOCOL.md section 5, as they travel on the wire. */
public final class ErrorCode {
    public static final String BAD_MESSAGE = "bad_message";
    public static final String UNKNOWN_METHOD = "unknown_method";
    public static final String INVALID_PARAMS = "invalid_params";
    public static final String TIMEOUT = "timeout";
    public static final String NOT_FOUND = "not_found";
    public static final String URL_BLOCKED = "url_blocked";
    public static final String FORBIDDEN = "forbidden";
    public static final String CONTROL_HELD = "control_held";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String BROWSER_CRASHED = "browser_crashed";
    public static final String NAVIGATION_FAILED = "navigation_failed";
    public static final String COMMAND_FAILED = "command_failed";
    public static final String UNAUTHORIZED = "unauthorized";

    private ErrorCode() {
    }
}
