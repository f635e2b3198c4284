package io.cloudbrowser.controlplane.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.cloudbrowser.protocol.token.Role;
import io.cloudbrowser.protocol.token.TokenClaims;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Signs session tokens (for clients) and admin tokens (for the control plane's calls to browserd). */
public final class TokenMinter {

    private final Algorithm algorithm;
    private final String keyId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenMinter(SigningKeys keys, Clock clock) {
        this.algorithm = Algorithm.ECDSA256(keys.publicKey(), keys.privateKey());
        this.keyId = keys.keyId();
        this.clock = clock;
    }

    public MintedToken sessionToken(String sessionId, String userId, Role role, Instant expiresAt) {
        Instant now = now();
        String jti = newJti();
        Instant exp = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        String jwt = JWT.create()
                .withKeyId(keyId)
                .withIssuer(TokenClaims.ISSUER)
                .withAudience(TokenClaims.SESSION_AUDIENCE)
                .withClaim(TokenClaims.SESSION_ID, sessionId)
                .withSubject(userId)
                .withClaim(TokenClaims.ROLE, role.wireName())
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
                .withKeyId(keyId)
                .withIssuer(TokenClaims.ISSUER)
                .withAudience(TokenClaims.ADMIN_AUDIENCE)
                .withSubject(TokenClaims.ADMIN_SUBJECT)
                .withClaim(TokenClaims.SESSION_ID, sessionId)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(TokenClaims.ADMIN_TOKEN_TTL))
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
