package io.cloudbrowser.protocol.token;

import java.time.Duration;

/**
 * The claims of the ES256 tokens the control plane signs and browserd (and the control plane's gateway)
 * verify; docs/PROTOCOL.md section 1. Session tokens: {@code iss}, {@code aud=browserd}, {@code sid},
 * {@code sub} (user), {@code role}, {@code iat}, {@code exp}, {@code jti}. Admin tokens (claim, revoke):
 * {@code aud=browserd-admin}, {@code sub=control-plane}, no role.
 */
public final class TokenClaims {
    public static final String ISSUER = "cloudbrowser-control-plane";
    public static final String SESSION_AUDIENCE = "browserd";
    public static final String ADMIN_AUDIENCE = "browserd-admin";
    public static final String ADMIN_SUBJECT = "control-plane";
    public static final String SESSION_ID = "sid";
    public static final String ROLE = "role";
    /** Tolerated difference between the signer's clock and the verifier's, for {@code exp} and {@code iat}. */
    public static final Duration CLOCK_LEEWAY = Duration.ofSeconds(30);
    /** Admin tokens are minted per call and live this long. */
    public static final Duration ADMIN_TOKEN_TTL = Duration.ofSeconds(60);

    private TokenClaims() {
    }
}
