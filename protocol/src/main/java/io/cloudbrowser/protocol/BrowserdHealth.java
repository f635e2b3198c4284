package io.cloudbrowser.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * browserd's {@code GET /health} answer (docs/PROTOCOL.md section 8). Times are epoch milliseconds. Readers
 * ignore fields they do not know, so browserd may add more.
 *
 * @param status         {@link #READY} or {@link #CLOSING}
 * @param sessionId      null in pool mode (not claimed yet)
 * @param browser        {@code running}, {@code restarting} or {@code stopped}
 * @param framesDropped  frames slow clients never got (replaced in their keep-latest slot)
 * @param lastActivityAt the last input, command, (dis)connection, claim or start
 * @param lastFrameAt    null before the first frame
 * @param lastCommandAt  null before the first command
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrowserdHealth(String status, String sessionId, String browser, int clients, long maxClientBacklogBytes,
                             long framesDropped, double fps, long framesEmitted, long startedAt, long lastActivityAt,
                             Long lastFrameAt, Long lastCommandAt, long idleTimeoutMs, long maxLifetimeMs,
                             Viewport viewport) {
    public static final String READY = "ready";
    public static final String CLOSING = "closing";

    public boolean isReady() {
        return READY.equals(status);
    }
}
