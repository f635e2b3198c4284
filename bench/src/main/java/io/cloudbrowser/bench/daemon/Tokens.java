package io.cloudbrowser.bench.daemon;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.cloudbrowser.browserd.auth.TokenVerifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Plays the control plane for the benchmark: a fresh EC P-256 key pair and ES256 controller tokens. */
public final class Tokens {
    private final ECPublicKey publicKey;
    private final Algorithm signer;

    private Tokens(KeyPair pair) {
        this.publicKey = (ECPublicKey) pair.getPublic();
        this.signer = Algorithm.ECDSA256(publicKey, (ECPrivateKey) pair.getPrivate());
    }

    public static Tokens generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new Tokens(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    /** The value for BROWSERD_JWT_PUBLIC_KEY. */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A controller token for {@code sessionId}, valid long enough for one run. */
    public String controller(String sessionId) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(TokenVerifier.ISSUER).withAudience(TokenVerifier.SESSION_AUDIENCE)
                .withClaim("sid", sessionId).withSubject("bench").withClaim("role", "controller")
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofHours(1))).withJWTId("bench-" + UUID.randomUUID())
                .sign(signer);
    }
}
