package io.cloudbrowser.controlplane.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Signs session tokens (for clients) and admin tokens (for the control plane's calls to browserd). */
public final class TokenMinter {
    public static final String ISSUER = "cloudbrowser-control-plane";
    public static final String SESSION_AUDIENCE = "browserd";
    public static final String ADMIN_AUDIENCE = "browserd-admin";
    public static final String ADMIN_SUBJECT = "control-plane";
    static final Duration ADMIN_TOKEN_TTL = Duration.ofSeconds(60);

    private final Algorithm algorithm;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenMinter(SigningKeys keys, Clock clock) {
        this.algorithm = Algorithm.ECDSA256(keys.publicKey(), keys.privateKey());
        this.clock = clock;
    }

    public MintedToken sessionToken(String sessionId, String userId, TokenRole role, Instant expiresAt) {
        Instant now = now();
        String jti = newJti();
        Instant exp = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        String jwt = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(SESSION_AUDIENCE)
                .withClaim("sid", sessionId)
                .withSubject(userId)
                .withClaim("role", role.wireName())
                .withIssuedAt(now)
                .withExpiresAt(exp)
                .withJWTId(jti)
                .sign(algorithm);
        return new MintedToken(jwt, jti, role, now, exp);
    }

    /** A short-lived token for POST /admin/claim and /admin/revoke on one sandbox. */
    public String adminToken(String sessionId) {
        Instant now = now();
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(ADMIN_AUDIENCE)
                .withSubject(ADMIN_SUBJECT)
                .withClaim("sid", sessionId)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ADMIN_TOKEN_TTL))
                .withJWTId(newJti())
                .sign(algorithm);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String newJti() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
