package io.cloudbrowser.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of browserd's {@code POST /admin/claim}, which binds a pool-mode daemon to the admin token's session.
 * Every field is optional; absent ones keep the daemon's settings.
 *
 * @param viewport a new page size; the pixel ratio a daemon was started with cannot change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimRequest(Long idleTimeoutSeconds, Long maxLifetimeSeconds, String startUrl, Size viewport) {
    /** Timeouts a claim may set: 1 s to 7 days. */
    public static final long MAX_SECONDS = 7 * 24 * 3600;

    /** @throws IllegalArgumentException naming the field that is out of range */
    public ClaimRequest {
        checkSeconds("idleTimeoutSeconds", idleTimeoutSeconds);
        checkSeconds("maxLifetimeSeconds", maxLifetimeSeconds);
        if (viewport != null) {
            new Viewport(viewport.w(), viewport.h(), 1);
        }
    }

    private static void checkSeconds(String field, Long value) {
        if (value != null && (value < 1 || value > MAX_SECONDS)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 1.." + MAX_SECONDS + ")");
        }
    }

    /** A page size in CSS pixels. */
    public record Size(int w, int h) {
    }
}
