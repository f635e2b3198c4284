package io.cloudbrowser.controlplane.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * browserd's GET /health answer (the brief's contract); fields the control plane does not use are
 * ignored so browserd may add more.
 *
 * @param sessionId      null in pool mode
 * @param lastActivityAt epoch millis of the last input or command (or claim or start)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrowserdHealth(String status, String sessionId, String browser, int clients, long startedAt,
                             long lastActivityAt, long idleTimeoutMs, long maxLifetimeMs, Size viewport) {
    public static final String READY = "ready";

    public boolean isReady() {
        return READY.equals(status);
    }

    /** The page viewport as browserd reports it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Size(int w, int h, double dpr) {
    }
}
