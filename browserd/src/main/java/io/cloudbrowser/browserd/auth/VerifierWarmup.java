package io.cloudbrowser.browserd.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.cloudbrowser.protocol.token.AuthException;
import io.cloudbrowser.protocol.token.TokenClaims;
import io.cloudbrowser.protocol.token.TokenVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Runs one full ES256 sign and verify with a throwaway key at startup. The first ECDSA verification in a JVM
 * loads and initialises the EC classes (tens of milliseconds); a warm-pool daemon pays that before a claim
 * or a viewer waits on it, not during.
 */
public final class VerifierWarmup {
    private VerifierWarmup() {
    }

    public static void run() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            String token = JWT.create().withIssuer(TokenClaims.ISSUER).withAudience(TokenClaims.ADMIN_AUDIENCE)
                    .withSubject("warmup").withClaim(TokenClaims.SESSION_ID, "warmup").withJWTId("warmup")
                    .withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(60)))
                    .sign(Algorithm.ECDSA256((ECPublicKey) kp.getPublic(), (ECPrivateKey) kp.getPrivate()));
            new TokenVerifier((ECPublicKey) kp.getPublic(), Clock.systemUTC()).verifyAdmin(token, "warmup");
        } catch (GeneralSecurityException | AuthException e) {
            throw new IllegalStateException("ES256 self-check failed: " + e.getMessage(), e);
        }
    }
}
