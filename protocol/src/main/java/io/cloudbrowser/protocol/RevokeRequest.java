package io.cloudbrowser.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of browserd's {@code POST /admin/revoke}: the token with this {@code jti} is refused from now on, and
 * its connections close with 1008 {@code token_revoked}.
 *
 * @param expiresAt the token's {@code exp}, epoch seconds: browserd forgets the revocation after it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokeRequest(String jti, long expiresAt) {
    public static final int MAX_JTI_LENGTH = 256;

    /** @throws IllegalArgumentException when a field is missing or out of range */
    public RevokeRequest {
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH || expiresAt <= 0) {
            throw new IllegalArgumentException("expected {\"jti\": string of 1.." + MAX_JTI_LENGTH
                    + " characters, \"expiresAt\": epoch seconds}");
        }
    }
}
