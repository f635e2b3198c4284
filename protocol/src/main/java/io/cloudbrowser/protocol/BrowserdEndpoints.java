package io.cloudbrowser.protocol;

/** browserd's HTTP paths and the WebSocket close codes and reasons it uses (docs/PROTOCOL.md sections 1-5, 8). */
public final class BrowserdEndpoints {
    public static final String WS = "/ws";
    public static final String HEALTH = "/health";
    public static final String CLAIM = "/admin/claim";
    public static final String REVOKE = "/admin/revoke";
    /** The {@code ready} event's {@code protocol}. */
    public static final int PROTOCOL_VERSION = 1;

    /** The session ends (with a {@code closing} event first). */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Sustained rate abuse ({@code rate_limited}) or a revoked token ({@code token_revoked}). */
    public static final int CLOSE_POLICY = 1008;
    /** A message over the size limit. */
    public static final int CLOSE_TOO_BIG = 1009;
    public static final String REASON_RATE_LIMITED = "rate_limited";
    public static final String REASON_TOKEN_REVOKED = "token_revoked";

    private BrowserdEndpoints() {
    }
}
